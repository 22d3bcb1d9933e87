//! Phonex as ONPE's reference code computes it (docs/spec/OLINPE.md §3.3 steps 1–17): F. Brouard's
//! phonetic algorithm in J. Barbier's PHP form, with PHP's replacement semantics.
//!
//! The input is a normalised name (A–Z) or a `NUMDO` substitute. The work is done on bytes,
//! as PHP does: `strtolower` is ASCII-only, `str_replace` with arrays applies each pair in
//! turn over the whole string (leftmost, non-overlapping), and in the regex steps the context
//! characters are part of the match (so they are consumed and cannot start the next match)
//! but written back unchanged. The sum of step 16 is computed with the correctly rounded
//! powers of 22 of [`super::pow22`], term by term from the left, and rendered like PHP's
//! `(string)` of a float at `precision = 14`.

use super::pow22::POW22_NEG;

/// The phonex value of `input`, rendered as PHP prints it (e.g. `0.74780678946421`).
pub fn phonex(input: &str) -> String {
    render_php_float(phonex_value(input))
}

/// The phonex value of `input` as a double (steps 1–16).
pub fn phonex_value(input: &str) -> f64 {
    sum_code(&phonex_code(input))
}

/// The phonex code of `input` before step 16 (the string of the alphabet letters).
pub fn phonex_code(input: &str) -> Vec<u8> {
    // Step 1: lower case (ASCII only), no spaces, y→i, h deleted unless after c, s or p
    // (a look-behind on the string before the deletion), ph→f.
    let mut s: Vec<u8> = input
        .bytes()
        .filter(|b| *b != b' ')
        .map(|b| b.to_ascii_lowercase())
        .map(|b| if b == b'y' { b'i' } else { b })
        .collect();
    let mut kept = Vec::with_capacity(s.len());
    for (i, &b) in s.iter().enumerate() {
        let after_csp = i > 0 && matches!(s.get(i - 1), Some(b'c' | b's' | b'p'));
        if b != b'h' || after_csp {
            kept.push(b);
        }
    }
    s = kept;
    s = replace(s, b"ph", b"f");
    // Step 2.
    s = replace_all(
        s,
        &[
            (b"gan", b"kan"),
            (b"gam", b"kam"),
            (b"gain", b"kain"),
            (b"gaim", b"kaim"),
        ],
    );
    // Step 3: (ain|ein|aim|eim) before a vowel → yn, one pattern after the other.
    for pat in [&b"ain"[..], b"ein", b"aim", b"eim"] {
        s = replace_before(&s, pat, b"yn", is_vowel, false);
    }
    // Step 4.
    s = replace_all(
        s,
        &[
            (b"eau", b"o"),
            (b"oua", b"2"),
            (b"ein", b"4"),
            (b"ain", b"4"),
            (b"eim", b"4"),
            (b"aim", b"4"),
        ],
    );
    // Step 5: é, è, ê (UTF-8 bytes; only reachable with un-normalised input), then digraphs.
    s = replace_all(
        s,
        &[
            ("é".as_bytes(), b"y"),
            ("è".as_bytes(), b"y"),
            ("ê".as_bytes(), b"y"),
            (b"ai", b"y"),
            (b"ei", b"y"),
            (b"er", b"yr"),
            (b"ess", b"yss"),
            (b"et", b"yt"),
        ],
    );
    // Step 6: an, am, en, em → 1 and in → 4, at the end or before a non-vowel.
    for (pat, rep) in [
        (&b"an"[..], &b"1"[..]),
        (b"am", b"1"),
        (b"en", b"1"),
        (b"em", b"1"),
        (b"in", b"4"),
    ] {
        s = replace_before(&s, pat, rep, |b| !is_vowel_or_nasal(b), true);
    }
    // Step 7.
    s = replace(s, b"on", b"1");
    // Step 8: s between two of [aeiou1234] → z (both neighbours consumed).
    s = s_between_vowels(&s);
    // Step 9.
    s = replace_all(
        s,
        &[
            (b"oe", b"e"),
            (b"eu", b"e"),
            (b"au", b"o"),
            (b"oi", b"2"),
            (b"oy", b"2"),
            (b"ou", b"3"),
        ],
    );
    // Step 10.
    s = replace_all(
        s,
        &[
            (b"ch", b"5"),
            (b"sch", b"5"),
            (b"sh", b"5"),
            (b"ss", b"s"),
            (b"sc", b"s"),
        ],
    );
    // Step 11: c before e or i → s.
    s = replace_before(&s, b"c", b"s", |b| b == b'e' || b == b'i', false);
    // Step 12.
    s = replace_all(
        s,
        &[
            (b"c", b"k"),
            (b"q", b"k"),
            (b"qu", b"k"),
            (b"gu", b"k"),
            (b"ga", b"ka"),
            (b"go", b"ko"),
            (b"gy", b"ky"),
        ],
    );
    // Step 13.
    s = replace_all(
        s,
        &[
            (b"a", b"o"),
            (b"d", b"t"),
            (b"p", b"t"),
            (b"j", b"g"),
            (b"b", b"f"),
            (b"v", b"f"),
            (b"m", b"n"),
        ],
    );
    // Step 14: `(.)\1` → `\1`, one left-to-right pass (`aaa` → `aa`); `.` never matches `\n`.
    let mut collapsed = Vec::with_capacity(s.len());
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        collapsed.push(b);
        if b != b'\n' && s.get(i + 1) == Some(&b) {
            i += 2;
        } else {
            i += 1;
        }
    }
    s = collapsed;
    // Step 15: a final t or x is dropped.
    if matches!(s.last(), Some(b't' | b'x')) {
        s.pop();
    }
    s
}

/// The phonex alphabet of step 16: a byte's index is its digit in base 22.
const ALPHABET: &[u8; 22] = b"12345efghiklnorstuwxyz";

/// Step 16: the sum of `k · 22^-(i+1)`, term by term from the left (absent letters count 0).
fn sum_code(code: &[u8]) -> f64 {
    let mut sum = 0.0_f64;
    for (i, b) in code.iter().enumerate() {
        let k = ALPHABET.iter().position(|a| a == b).unwrap_or(0);
        // Past the table the power rounds to 0, and so does the term.
        let p = POW22_NEG.get(i).copied().unwrap_or(0.0);
        sum += k as f64 * p;
    }
    sum
}

/// Renders a finite double as PHP's `(string)` does at `precision = 14`: at most 14
/// significant digits (correctly rounded, ties to even), trailing zeros removed, `0` for zero,
/// and the exponent form `1.2345678901235E-5` when the value is below 1e-4 or has more than
/// 14 integer digits.
pub fn render_php_float(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        // Phonex sums are finite and non-negative; a non-finite value cannot occur.
        return "0".to_owned();
    }
    let mut out = String::new();
    if value < 0.0 {
        out.push('-');
    }
    // `{:.13e}` is an exact, correctly rounded conversion to 14 significant digits.
    let sci = format!("{:.13e}", value.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    // Position of the decimal point relative to the digits, as dtoa's `decpt`.
    let decpt = exp + 1;
    if !(-3..=14).contains(&decpt) {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        out.push('.');
        out.push_str(if rest.is_empty() { "0" } else { rest });
        out.push('E');
        out.push(if decpt - 1 < 0 { '-' } else { '+' });
        out.push_str(&(decpt - 1).unsigned_abs().to_string());
    } else if decpt <= 0 {
        out.push_str("0.");
        for _ in decpt..0 {
            out.push('0');
        }
        out.push_str(digits);
    } else {
        let decpt = decpt as usize;
        if digits.len() <= decpt {
            out.push_str(digits);
            for _ in digits.len()..decpt {
                out.push('0');
            }
        } else {
            let (int, frac) = digits.split_at(decpt);
            out.push_str(int);
            out.push('.');
            out.push_str(frac);
        }
    }
    out
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn is_vowel_or_nasal(b: u8) -> bool {
    matches!(
        b,
        b'a' | b'e' | b'i' | b'o' | b'u' | b'1' | b'2' | b'3' | b'4'
    )
}

/// True when `pat` occurs in `s` at `i` (byte loop: patterns are 1–4 bytes long, and a
/// `memcmp` call per position costs more than the comparison itself).
#[inline]
fn at(s: &[u8], i: usize, pat: &[u8]) -> bool {
    pat.iter().enumerate().all(|(j, p)| s.get(i + j) == Some(p))
}

/// PHP `str_replace` of one pair: leftmost, non-overlapping occurrences. Returns `s` itself
/// when the pattern does not occur (the common case), without allocating.
fn replace(s: Vec<u8>, from: &[u8], to: &[u8]) -> Vec<u8> {
    let Some(first) = (0..s.len()).find(|&i| at(&s, i, from)) else {
        return s;
    };
    let mut out = Vec::with_capacity(s.len() + 4);
    out.extend_from_slice(s.get(..first).unwrap_or_default());
    let mut i = first;
    while i < s.len() {
        if at(&s, i, from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.extend(s.get(i).copied());
            i += 1;
        }
    }
    out
}

/// PHP `str_replace` with arrays: each pair over the whole string, in order.
fn replace_all(mut s: Vec<u8>, pairs: &[(&[u8], &[u8])]) -> Vec<u8> {
    for (from, to) in pairs {
        s = replace(s, from, to);
    }
    s
}

/// `preg_replace('/(pat)(next)/', 'rep$2')` where `next` is one byte satisfying `follows`
/// (or, with `at_end`, the end of the string): the following byte is consumed and written
/// back, so it cannot start the next match.
fn replace_before(
    s: &[u8],
    pat: &[u8],
    rep: &[u8],
    follows: impl Fn(u8) -> bool,
    at_end: bool,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if at(s, i, pat) {
            let j = i + pat.len();
            match s.get(j) {
                None if at_end => {
                    out.extend_from_slice(rep);
                    i = j;
                    continue;
                }
                Some(&next) if follows(next) => {
                    out.extend_from_slice(rep);
                    out.push(next);
                    i = j + 1;
                    continue;
                }
                _ => {}
            }
        }
        out.extend(s.get(i).copied());
        i += 1;
    }
    out
}

/// `preg_replace('/([aeiou1234])(s)([aeiou1234])/', '$1z$3')`: all three bytes consumed.
fn s_between_vowels(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while let Some(&a) = s.get(i) {
        if let (true, Some(b's'), Some(&c)) = (is_vowel_or_nasal(a), s.get(i + 1), s.get(i + 2)) {
            if is_vowel_or_nasal(c) {
                out.extend_from_slice(&[a, b'z', c]);
                i += 3;
                continue;
            }
        }
        out.push(a);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> String {
        String::from_utf8(phonex_code(s)).unwrap()
    }

    #[test]
    fn published_vectors() {
        for (name, want) in [
            ("PIERRE", "0.74780678946421"),
            ("DUPONT", "0.76389932381668"),
            ("JEANPIERRE", "0.32858262648286"),
            ("LHERMITTE", "0.54269023042454"),
            ("MARIEANNE", "0.57366824508676"),
            ("MARTIN", "0.57369773394763"),
            ("KEVIN", "0.46545232566082"),
            ("SCHNEIDER", "0.69129828012876"),
        ] {
            assert_eq!(phonex(name), want, "{name}");
        }
    }

    #[test]
    fn replacement_semantics() {
        // Step 14 is one pass: three equal letters leave two.
        assert_eq!(code("LLL"), "ll");
        // Step 8 consumes both neighbours: in `asasa` only the first s becomes z.
        assert_eq!(code("ASASA"), "ozoso");
        // Step 3 consumes the vowel: `ainainu` → `ynainu`, then step 4 → `yn4u`.
        assert_eq!(code("AINAINU"), "yn4u");
        // h deleted at the start and after other letters, kept after c, s, p.
        assert_eq!(code("HUGO"), "uko");
        assert_eq!(code("SHH"), "5");
        // Final t or x dropped, only one.
        assert_eq!(code("PETIT"), "tyti");
        assert_eq!(code("XX"), "");
    }

    #[test]
    fn render() {
        for (v, want) in [
            (0.0, "0"),
            (0.5, "0.5"),
            (1.0, "1"),
            (0.1, "0.1"),
            (0.00012, "0.00012"),
            (0.0001, "0.0001"),
            (0.00009391435011269723, "9.3914350112697E-5"),
            (0.00005, "5.0E-5"),
            (1.23456789012345e-7, "1.2345678901234E-7"),
            (1e-20, "1.0E-20"),
            // 2^-21 = 4.76837158203125e-7: an exact tie at 14 digits, PHP rounds to even.
            (4.76837158203125e-7, "4.7683715820312E-7"),
            // 3·2^-20: a tie whose 14th digit is odd, rounded up to even.
            (2.86102294921875e-6, "2.8610229492188E-6"),
            (123456789012345.0, "1.2345678901234E+14"),
            (12345678901234.0, "12345678901234"),
            (0.999999999999999, "1"),
            (-0.25, "-0.25"),
        ] {
            assert_eq!(render_php_float(v), want, "{v:e}");
        }
    }

    #[test]
    fn table_is_correctly_rounded_powers() {
        // 22^-1 and 22^-2 are the nearest doubles to 1/22 and 1/484 (IEEE division is
        // correctly rounded); the last entry is the smallest subnormal.
        assert_eq!(POW22_NEG[0], 1.0 / 22.0);
        assert_eq!(POW22_NEG[1], 1.0 / 484.0);
        assert_eq!(POW22_NEG[POW22_NEG.len() - 1], f64::from_bits(1));
        for w in POW22_NEG.windows(2) {
            assert!(w[1] < w[0]);
        }
    }
}
