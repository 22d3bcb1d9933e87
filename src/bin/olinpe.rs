//! The `olinpe` command line: argument parsing, files, exit statuses. Glue only.

fn main() {
    println!("olinpe {}", olinpe::VERSION);
}
