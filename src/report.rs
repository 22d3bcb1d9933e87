//! The report model (INTERFACES.md "Report JSON"): statistics, audit sections, capped findings.
