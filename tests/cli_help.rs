//! The command line's help, from its one table of flags: `olinpe --help` and
//! `olinpe COMMANDE --help` describe every option in French with its default (exit status 0,
//! standard output), and the parser's errors keep their messages and exit status 2.

use std::process::{Command, Output};

fn olinpe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_olinpe"))
        .env_remove("OLINPE_KEY")
        .args(args)
        .output()
        .expect("run olinpe")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The help with each option's description on one line (the help fills them to its width,
/// continuing under the description's first column).
fn unwrapped(help: &str) -> String {
    help.replace(&format!("\n{}", " ".repeat(31)), " ")
}

/// Every `--option` of `command` in its synopsis (the first lines of its help).
fn options_of(help: &str) -> Vec<String> {
    let usage = help
        .split("\nArgument")
        .next()
        .and_then(|h| h.split("\nOptions").next())
        .unwrap_or("");
    let mut v: Vec<String> = usage
        .split(|c: char| c.is_whitespace() || "[]()|".contains(c))
        .filter(|w| w.starts_with("--"))
        .map(str::to_owned)
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn each_command_describes_every_option_with_its_default() {
    for (cmd, expected) in [
        ("check", 8),
        ("pseudonymise", 12),
        ("rehash", 4),
        ("generate", 14),
        ("serve", 2),
        ("continuity", 3),
    ] {
        let o = olinpe(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", text(&o.stderr));
        let help = text(&o.stdout);
        let opts = options_of(&help);
        assert_eq!(opts.len(), expected, "{cmd}: {opts:?}");
        let flat = unwrapped(&help);
        let described = flat
            .split("\nOptions :\n")
            .nth(1)
            .expect("an options section");
        for opt in &opts {
            let line = described
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("{opt} ")) || l.trim() == opt)
                .unwrap_or_else(|| panic!("{cmd} {opt} not described"));
            assert!(line.contains("(défaut : "), "{cmd}: {line}");
        }
        // Also after the input, and through `olinpe help COMMANDE`.
        let after = olinpe(&[cmd, "fichier.csv", "--help"]);
        assert_eq!(text(&after.stdout), help, "{cmd}");
        assert_eq!(text(&olinpe(&["help", cmd]).stdout), help, "{cmd}");
    }
}

#[test]
fn general_help_lists_every_command_and_hides_the_benchmark_one() {
    let o = olinpe(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = text(&o.stdout);
    for cmd in ["check", "pseudonymise", "rehash", "generate", "serve"] {
        assert!(help.contains(&format!("  olinpe {cmd} ")), "{cmd}");
        assert!(help.contains(&format!("olinpe {cmd} — ")), "{cmd}");
    }
    assert!(!help.contains("read-only"));
    assert!(unwrapped(&help).contains("(défaut : la date du jour)"));
    assert_eq!(text(&olinpe(&["-h"]).stdout), help);
}

#[test]
fn serve_says_it_is_for_one_workstation() {
    let help = text(&olinpe(&["serve", "--help"]).stdout);
    let help = unwrapped(&help).replace('\n', " ");
    assert!(help.contains("pour ce seul poste de travail"), "{help}");
    assert!(help.contains("deploy/"), "{help}");
}

#[test]
fn parser_errors_keep_their_messages_and_status() {
    let o = olinpe(&["check", "x.csv", "--sortie"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.starts_with("olinpe : option inconnue --sortie.\nUsage :\n"),
        "{err}"
    );
    let o = olinpe(&["pseudonymise", "x.csv", "--key", "secret"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        "olinpe : la clé ne se donne jamais sur la ligne de commande : utilisez --key-file ou \
         OLINPE_KEY.\n"
    );
    let o = olinpe(&["verifier"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with("olinpe : commande inconnue « verifier ».\nUsage :\n"));
    let o = olinpe(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with("olinpe : commande manquante.\nUsage :\n"));
    // `--help=x` is not the help.
    assert_eq!(olinpe(&["check", "--help=x"]).status.code(), Some(2));
}
