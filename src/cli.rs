//! Command line: `gongkai check | build | init | serve | import | export`.

use crate::diag::{self, Diagnostic};
use crate::parse::Parsed;
use clap::{Parser, Subcommand};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use std::io::IsTerminal;
use std::path::PathBuf;

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: the content has errors (or the output could not be written).
pub const EXIT_CONTENT: i32 = 1;
/// Exit status: the command was used wrongly (bad arguments, no site at --root).
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "gongkai",
    version,
    about = "Builds a disclosure website (六公开), printable notices and open data from a folder of YAML/Markdown.",
    long_about = "gongkai (公开) reads site.yaml and the content/ folder of a site and builds the public \
website, printable DOCX notices and open data.\n\nExit status: 0 success, 1 content errors, 2 usage errors."
)]
struct Cli {
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
    /// 把事项清单导出为 .xlsx 表格（全国实施清单表头，可再导入）。
    Export {
        /// 要写入的 .xlsx 文件（默认当前文件夹的 services.xlsx）。
        #[arg(value_name = "FILE.xlsx", conflicts_with = "output")]
        file: Option<PathBuf>,
        /// 网站文件夹（有 site.yaml 的那个）。
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// 要写入的 .xlsx 文件，与 FILE.xlsx 相同。
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Runs the command line; returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
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
        Command::Export { file, root, output } => {
            if let Err(code) = require_site(&root) {
                return code;
            }
            let out = file
                .or(output)
                .unwrap_or_else(|| PathBuf::from("services.xlsx"));
            export(&root, &out)
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
                EXIT_CONTENT
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
                    EXIT_CONTENT
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

/// `gongkai export`: checks the site, then writes its catalogue (drafts left out) to `out`.
fn export(root: &std::path::Path, out: &std::path::Path) -> i32 {
    let is_xlsx = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        eprintln!(
            "错误：{} 不是 .xlsx 文件；请写成例如 gongkai export 事项清单.xlsx",
            out.display()
        );
        return EXIT_USAGE;
    }
    let started = std::time::Instant::now();
    let parsed = crate::build::check(root);
    report(&parsed);
    let Some(site) = &parsed.site else {
        return EXIT_CONTENT;
    };
    let site = site.clone().without_drafts();
    let bytes = match crate::export::services_xlsx(&site) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：{e}");
            return EXIT_CONTENT;
        }
    };
    if let Err(e) = crate::export::write_file(out, &bytes) {
        eprintln!("错误：无法写入 {}：{e}", out.display());
        return EXIT_CONTENT;
    }
    eprintln!(
        "已导出 {} 个事项到 {}（{:.1} KB，{:.2} 秒）",
        site.services.len(),
        out.display(),
        bytes.len() as f64 / 1024.0,
        started.elapsed().as_secs_f64()
    );
    EXIT_OK
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

/// Standard error, coloured only on a terminal (and never with NO_COLOR).
fn stderr() -> StandardStream {
    let choice = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    StandardStream::stderr(choice)
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
