//! Segments and renewals (docs/spec/OLINPE.md §0.2 "Segments and renewals", guide p. 5–7
//! and p. 10): the one linking rule that says which segment a renewal renews, used by the
//! file rules (`renewal-differs`, `renewal-same-dates`, `renewal-without-end`) and, between
//! two years, by the continuity check.
//!
//! A **segment** is a young person (`NUMANONYM`) and a `DATDEB`: every `TYPEV` 1 or 2 line
//! opens one, and the `TYPEV` 3 line with the same `DATDEB` closes it. A renewal (`TYPEV` 2)
//! carries new `DATDECPE` and `DATDEB` and keeps the decision (`DECISION`, the nature and its
//! details), so it is linked to an earlier segment of the same young person by its decision,
//! never by its dates.

/// What the linking rule needs about one segment of a young person (or about the renewal
/// being linked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// `DATDEB`, as a comparable key: `1 + AAAAMMJJ`, unknown parts written `99` (so
    /// `2018-05-99` comes after every known day of May 2018). The caller passes only
    /// segments whose `DATDEB` year is known.
    pub datdeb: u32,
    /// `DECISION`: 1 administrative, 2 judicial.
    pub decision: u8,
    /// The nature of the decision: `NATPDECADM` for an administrative decision,
    /// `NATDECASSED` for a judicial one, as a number (any fixed encoding, compared for
    /// equality only).
    pub nature: u8,
}

/// The segment (index into `segments`) that the renewal `renewal` renews, by the one linking
/// rule of docs/spec/OLINPE.md §0.2: among the young person's segments opened at or before
/// the renewal's `DATDEB` (segments already closed included), those with the same
/// `DECISION` and the same nature, the latest; when there is none, the latest with the same
/// `DECISION`; `None` when there is none either (the renewed segment was sent in a previous
/// year, or the renewal is not linked to anything: nothing is compared then).
///
/// "Latest" is the greatest `DATDEB`; between segments with the same `DATDEB`, the last one
/// in `segments`. `segments` holds one young person's segments, without the renewal's own
/// segment unless a `TYPEV` 1 line opens that one too (a renewal with the dates of what it
/// renews, `renewal-same-dates`).
pub fn renewed_segment(segments: &[Segment], renewal: &Segment) -> Option<usize> {
    let latest = |same_nature: bool| {
        segments
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.datdeb <= renewal.datdeb
                    && s.decision == renewal.decision
                    && (!same_nature || s.nature == renewal.nature)
            })
            .max_by_key(|(i, s)| (s.datdeb, *i))
            .map(|(i, _)| i)
    };
    latest(true).or_else(|| latest(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(datdeb: &str, decision: u8, nature: u8) -> Segment {
        let digits: String = datdeb.chars().filter(char::is_ascii_digit).collect();
        Segment {
            datdeb: 1 + digits.parse::<u32>().unwrap_or(0),
            decision,
            nature,
        }
    }

    /// One line per case: the young person's segments, the renewal, the segment it renews.
    #[test]
    fn linking_table() {
        let placement = |d: &str| seg(d, 2, 17);
        let aemo = |d: &str| seg(d, 2, 15);
        let aed = |d: &str| seg(d, 1, 10);
        let cases: &[(&[Segment], Segment, Option<usize>, &str)] = &[
            // Guide p. 10 (Martin): a measure decided and started on 16 July 2016, ended and
            // renewed on 16 July 2017.
            (
                &[aed("2016-07-16")],
                aed("2017-07-16"),
                Some(0),
                "the guide's example",
            ),
            (
                &[],
                aed("2017-07-16"),
                None,
                "renewed segment sent in a previous year",
            ),
            // The latest of the same nature, closed or not.
            (
                &[placement("2016-03-01"), placement("2017-03-01")],
                placement("2018-03-01"),
                Some(1),
                "the latest one",
            ),
            (
                &[placement("2017-03-01"), placement("2016-03-01")],
                placement("2018-03-01"),
                Some(0),
                "order of the slice does not matter",
            ),
            // A segment opened after the renewal's DATDEB is not renewed by it.
            (
                &[placement("2016-03-01"), placement("2018-06-01")],
                placement("2018-03-01"),
                Some(0),
                "opened at or before the renewal",
            ),
            (
                &[placement("2018-06-01")],
                placement("2018-03-01"),
                None,
                "only later segments",
            ),
            // Same DATDEB: linked (renewal-same-dates).
            (
                &[placement("2018-03-01")],
                placement("2018-03-01"),
                Some(0),
                "same dates",
            ),
            // Same nature first, then the same DECISION.
            (
                &[placement("2016-01-01"), aemo("2017-01-01")],
                placement("2018-01-01"),
                Some(0),
                "same nature wins over later",
            ),
            (
                &[aemo("2017-01-01"), aed("2017-06-01")],
                placement("2018-01-01"),
                Some(0),
                "else the same DECISION",
            ),
            (
                &[aemo("2016-01-01"), seg("2017-01-01", 2, 16)],
                placement("2018-01-01"),
                Some(1),
                "the latest with the same DECISION",
            ),
            (
                &[aed("2017-01-01")],
                placement("2018-01-01"),
                None,
                "another DECISION",
            ),
            // Ties: the last in the slice.
            (
                &[placement("2017-01-01"), placement("2017-01-01")],
                placement("2018-01-01"),
                Some(1),
                "tie on DATDEB",
            ),
            // Partial dates compare as their unknown parts 99.
            (
                &[placement("2018-03-99")],
                placement("2018-03-15"),
                None,
                "a day unknown is after every day",
            ),
            (
                &[placement("2018-02-99")],
                placement("2018-03-15"),
                Some(0),
                "an earlier month",
            ),
        ];
        for (segments, renewal, want, why) in cases {
            assert_eq!(renewed_segment(segments, renewal), *want, "{why}");
        }
    }
}
