//! Command line: `gongkai check | build | init | serve | import | export | changes`, a module a
//! command; `args` holds the arguments and their Chinese help, `report` what every command
//! prints, `usage` the Chinese wording of command-line mistakes.

mod args;
mod build;
mod changes;
mod check;
mod export;
mod import;
mod init;
mod report;
mod serve;
mod usage;

pub use report::print_completeness;

use crate::diag;
use crate::tr;
use args::{Cli, Command};
use clap::FromArgMatches;
use std::path::{Path, PathBuf};

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: the content has errors.
pub const EXIT_CONTENT: i32 = 1;
/// Exit status: the command was used wrongly (bad arguments, no site at --root).
pub const EXIT_USAGE: i32 = 2;
/// Exit status: the output could not be written (disk full, no permission); the content
/// may be fine.
pub const EXIT_IO: i32 = 3;

/// Runs the command line; returns the exit status for `main` to return.
pub fn main() -> std::process::ExitCode {
    let status = run();
    std::process::ExitCode::from(u8::try_from(status).unwrap_or(1))
}

/// Parses the arguments and runs the command; returns one of the `EXIT_` statuses.
fn run() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lossy: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    diag::lang::set(diag::lang::from_args(&lossy));
    let cli = match args::command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => {
            match usage::usage_error_zh(&e) {
                Some(text) if !diag::lang::is_en() => eprintln!("{text}"),
                _ => {
                    let _ = e.print();
                }
            }
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    EXIT_OK
                }
                _ => EXIT_USAGE,
            };
        }
    };
    diag::show_all(cli.all);
    match cli.command {
        Command::Import {
            file,
            root,
            map,
            dry_run,
        } => import::run(file, root, map, dry_run),
        Command::Export { file, root, output } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            let out = file
                .or(output)
                .unwrap_or_else(|| PathBuf::from("services.xlsx"));
            export::run(&root, &out)
        }
        Command::Changes { from, root, notice } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            changes::run(&changes::Options { from, root, notice })
        }
        Command::Init { dir } => init::run(&dir),
        Command::Check { dir, root } => check::run(&site_dir(dir, root)),
        Command::Build {
            dir,
            root,
            output,
            drafts,
            full,
        } => build::run(&site_dir(dir, root), output, drafts, full),
        Command::Serve {
            dir,
            root,
            bind,
            port,
            poll,
            open,
        } => serve::run(crate::serve::ServeOptions {
            root: site_dir(dir, root),
            bind,
            port,
            poll,
            open,
        }),
    }
}

/// The site folder given as DIR or --root (the current folder when neither).
fn site_dir(dir: Option<PathBuf>, root: Option<PathBuf>) -> PathBuf {
    dir.or(root).unwrap_or_else(|| PathBuf::from("."))
}

/// Says why `root` is not a site folder (not a folder, no site.yaml), as the usage status.
fn require_site(root: &Path) -> Result<(), i32> {
    let d = root.display();
    if !root.is_dir() {
        eprintln!(
            "{}",
            tr!("错误：找不到文件夹 {d}", "error: {d} is not a folder")
        );
        return Err(EXIT_USAGE);
    }
    if let Some(why) = crate::load::site_yaml_not_a_file(&root.join(crate::load::SITE_YAML)) {
        eprintln!("{}", tr!("错误：{d}/{why}", "error: {d}/{why}"));
        return Err(EXIT_USAGE);
    }
    if !root.join(crate::load::SITE_YAML).is_file() {
        eprintln!(
            "{}",
            tr!(
                "错误：{d} 里没有 site.yaml；请写出网站文件夹（如 gongkai check 我的网站），或用 gongkai init 新文件夹 新建一个网站",
                "error: {d} has no site.yaml; give the site folder (gongkai check DIR), or create one with `gongkai init DIR`"
            )
        );
        return Err(EXIT_USAGE);
    }
    Ok(())
}
