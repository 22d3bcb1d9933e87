//! Writers: transmission XML and CSV, the ODPE variant, the findings CSV (INTERFACES.md
//! "Output files").
