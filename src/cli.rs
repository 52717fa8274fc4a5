//! Command line: `gongkai check | build | serve`.

use crate::diag::{self, Diagnostic};
use crate::parse::Parsed;
use clap::{Parser, Subcommand};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: the content has errors.
pub const EXIT_CONTENT: i32 = 1;
/// Exit status: the command was used wrongly (bad arguments, no site at --root).
pub const EXIT_USAGE: i32 = 2;
/// Exit status: the output could not be written (disk full, no permission); the content
/// may be fine.
pub const EXIT_IO: i32 = 3;

#[derive(Parser, Debug)]
#[command(
    name = "gongkai",
    version,
    about = "Builds a disclosure website (六公开), printable notices and open data from a folder of YAML/Markdown.",
    long_about = "gongkai (公开) reads site.yaml and the content/ folder of a site and builds the public \
website, printable DOCX notices and open data.\n\nExit status: 0 success, 1 content errors, 2 usage errors, 3 the output could not be written (disk full, no permission)."
)]
struct Cli {
    /// Language of messages: zh (中文, the default) or en; LANG=en… also selects English.
    #[arg(long, global = true, value_name = "zh|en", value_parser = parse_lang)]
    lang: Option<diag::Lang>,
    /// List every problem (by default at most 10 a file and 100 in all are listed; all are counted).
    #[arg(long, global = true)]
    all: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check every file of the site and list all problems; writes nothing.
    Check {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
    },
    /// Check the site, then build it into the output folder.
    Build {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Where to write the site (default: DIR/output).
        #[arg(long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Include drafts (草稿) and mark them; never use this for the public site.
        #[arg(long)]
        drafts: bool,
    },
    /// Write a working example site into DIR (which must be empty or not exist yet).
    Init {
        /// Folder to create the site in.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Preview the site with its drafts on this computer; rebuilds and reloads on every save.
    Serve {
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Address to listen on. Anything but 127.0.0.1 lets other computers see the
        /// preview, drafts included.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        bind: std::net::IpAddr,
        /// Port to listen on; the next free one is used when it is taken.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Look for changes by polling (network drives, WSL) instead of system notifications.
        #[arg(long)]
        poll: bool,
        /// Open the preview in the web browser.
        #[arg(long)]
        open: bool,
    },
    /// 从事项表格（.xlsx/.xls/.ods/.csv）导入事项，写入 content/services/。
    Import {
        /// 事项表格文件。
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// 网站文件夹（有 site.yaml 的那个）。
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// 表头对照文件：每行“表格表头: 标准表头”。
        #[arg(long, value_name = "MAP.yaml")]
        map: Option<PathBuf>,
        /// 只报告会发生什么，不写任何文件。
        #[arg(long)]
        dry_run: bool,
    },
}

/// Runs the command line; returns the exit status.
pub fn main() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lossy: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    diag::lang::set(diag::lang::from_args(&lossy));
    let cli = match Cli::try_parse_from(&args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
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
        } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            let opts = crate::import::Options {
                file,
                root,
                map,
                dry_run,
            };
            crate::import::print_and_check(&opts)
        }
        Command::Init { dir } => match crate::build::init(&dir) {
            Ok(n) => {
                eprintln!(
                    "wrote an example site ({n} files) into {0}; build it with `gongkai build --root {0}`",
                    dir.display()
                );
                EXIT_OK
            }
            Err(crate::build::InitError::NotEmpty) => {
                eprintln!(
                    "error: {} is not empty; give a new or empty folder",
                    dir.display()
                );
                EXIT_USAGE
            }
            Err(crate::build::InitError::NoExample) => {
                eprintln!("error: this build of gongkai holds no example site");
                EXIT_CONTENT
            }
            Err(crate::build::InitError::Io(e)) => {
                eprintln!("error: cannot write {}: {e}", dir.display());
                EXIT_IO
            }
        },
        Command::Check { root } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            let parsed = crate::build::check(&root);
            report(&parsed);
            if parsed.site.is_some() {
                eprintln!("{}", summary(&parsed));
                EXIT_OK
            } else {
                EXIT_CONTENT
            }
        }
        Command::Build {
            root,
            output,
            drafts,
        } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            let output = output.unwrap_or_else(|| root.join("output"));
            if let Some(why) = crate::write::output_problem(&root, &output) {
                eprintln!("error: {why}");
                return EXIT_USAGE;
            }
            let started = std::time::Instant::now();
            let parsed = crate::build::check(&root);
            report(&parsed);
            match crate::build::build(&parsed, &output, drafts) {
                Ok(r) => {
                    eprintln!(
                        "{}\nbuilt {} files ({:.1} MB; {} changed) into {} in {:.2} s",
                        summary(&parsed),
                        r.files,
                        r.bytes as f64 / 1_048_576.0,
                        r.files - r.unchanged,
                        output.display(),
                        started.elapsed().as_secs_f64()
                    );
                    EXIT_OK
                }
                Err(crate::build::BuildError::Content) => EXIT_CONTENT,
                Err(crate::build::BuildError::Render(diags)) => {
                    let mut out = stderr();
                    let _ = diag::render(&mut out, &diags, &parsed.sources);
                    eprintln!("the site could not be rendered; nothing was written.");
                    EXIT_CONTENT
                }
                Err(crate::build::BuildError::Write(e)) => {
                    eprintln!(
                        "error: cannot write {}: {e}; the previous output is unchanged.",
                        output.display()
                    );
                    EXIT_IO
                }
            }
        }
        Command::Serve {
            root,
            bind,
            port,
            poll,
            open,
        } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            let opts = crate::serve::ServeOptions {
                root,
                bind,
                port,
                poll,
                open,
            };
            match crate::serve::serve(&opts) {
                Ok(()) => EXIT_OK,
                Err(e) => {
                    eprintln!("error: {e}");
                    EXIT_USAGE
                }
            }
        }
    }
}

fn parse_lang(s: &str) -> Result<diag::Lang, String> {
    diag::Lang::parse(s).ok_or_else(|| "zh | en".to_string())
}

fn require_site(root: &std::path::Path) -> Result<(), i32> {
    if !root.is_dir() {
        eprintln!("error: {} is not a folder", root.display());
        return Err(EXIT_USAGE);
    }
    if !root.join(crate::load::SITE_YAML).is_file() {
        eprintln!(
            "error: {} has no site.yaml; give the site folder with --root, or create one with `gongkai init DIR`",
            root.display()
        );
        return Err(EXIT_USAGE);
    }
    Ok(())
}

/// Prints diagnostics to stderr, errors first then warnings, with colour only on a terminal.
fn report(parsed: &Parsed) {
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        parsed.diags.iter().cloned().partition(|d| d.is_error());
    let mut out = stderr();
    let _ = diag::render(&mut out, &errors, &parsed.sources);
    let _ = diag::render(&mut out, &warnings, &parsed.sources);
    if !errors.is_empty() {
        let files: std::collections::BTreeSet<&str> =
            errors.iter().map(|d| d.file.as_str()).collect();
        eprintln!(
            "{} error(s) in {} file(s), {} warning(s); nothing was written.",
            errors.len(),
            files.len(),
            warnings.len()
        );
    }
}

/// Standard error, buffered, coloured only on a terminal (and never with NO_COLOR).
fn stderr() -> BufferedStandardStream {
    let choice = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    BufferedStandardStream::stderr(choice)
}

fn summary(parsed: &Parsed) -> String {
    let Some(site) = &parsed.site else {
        return String::new();
    };
    let warnings = parsed.diags.len();
    format!(
        "ok: {} services, {} plans, {} notices, {} centres, {} pages, {} attachments; {} warning(s)",
        site.services.len(),
        site.plans.len(),
        site.notices.len(),
        site.centres.len(),
        site.pages.len(),
        site.static_files.len(),
        warnings
    )
}
