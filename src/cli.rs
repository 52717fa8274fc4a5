//! Command line: `gongkai check | build | init | serve | import | export`.

use crate::diag::tr;
use crate::diag::{self, Diagnostic};
use crate::parse::Parsed;
use crate::tr;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
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
        /// The site folder (the one with site.yaml); default: the current folder.
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The site folder, as an option (same as DIR).
        #[arg(long, value_name = "DIR", conflicts_with = "dir")]
        root: Option<PathBuf>,
    },
    /// Check the site, then build it into the output folder.
    Build {
        /// The site folder (the one with site.yaml); default: the current folder.
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The site folder, as an option (same as DIR).
        #[arg(long, value_name = "DIR", conflicts_with = "dir")]
        root: Option<PathBuf>,
        /// Where to write the site (default: DIR/output).
        #[arg(long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Include drafts (草稿) and mark them; never use this for the public site.
        #[arg(long)]
        drafts: bool,
        /// Render every file again, trusting nothing of the previous build (by default only
        /// what changed since the previous build is rendered).
        #[arg(long)]
        full: bool,
    },
    /// Write a working example site into DIR (which must be empty or not exist yet).
    Init {
        /// Folder to create the site in.
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Preview the site with its drafts on this computer; rebuilds and reloads on every save.
    Serve {
        /// The site folder (the one with site.yaml); default: the current folder.
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// The site folder, as an option (same as DIR).
        #[arg(long, value_name = "DIR", conflicts_with = "dir")]
        root: Option<PathBuf>,
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
    /// Import items from a catalogue workbook (.xlsx/.xls/.ods/.csv) into content/services/.
    Import {
        /// The workbook file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Heading map: one line `workbook heading: standard heading` each.
        #[arg(long, value_name = "MAP.yaml")]
        map: Option<PathBuf>,
        /// Only report what would happen; write no file.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export the catalogue as an .xlsx workbook under the national headings (it imports back).
    Export {
        /// The .xlsx file to write (default: services.xlsx in the current folder).
        #[arg(value_name = "FILE.xlsx", conflicts_with = "output")]
        file: Option<PathBuf>,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// The .xlsx file to write, as an option (same as FILE.xlsx).
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The site folder given as DIR or --root (the current folder when neither).
fn site_dir(dir: Option<PathBuf>, root: Option<PathBuf>) -> PathBuf {
    dir.or(root).unwrap_or_else(|| PathBuf::from("."))
}

/// The command line definition, its texts in the language in force.
fn command() -> clap::Command {
    let cmd = Cli::command().arg_required_else_help(true);
    if diag::lang::is_en() {
        return cmd;
    }
    let dir_help = "网站文件夹（有 site.yaml 的那个）；不写就是当前文件夹";
    let root_help = "网站文件夹，写成选项的形式（与 DIR 相同）";
    let zh = |c: clap::Command| {
        let ids: Vec<(clap::Id, bool)> = c
            .get_arguments()
            .map(|a| (a.get_id().clone(), a.is_positional()))
            .collect();
        let mut c = c;
        for (id, positional) in ids {
            c = c.mut_arg(id, |a| {
                a.help_heading(if positional { "参数" } else { "选项" })
            });
        }
        c.help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
            .next_help_heading("选项")
            .subcommand_help_heading("命令")
            .subcommand_value_name("命令")
            .disable_help_subcommand(true)
            .disable_help_flag(true)
            .arg(
                clap::Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(clap::ArgAction::Help)
                    .help("显示帮助"),
            )
    };
    zh(cmd.disable_version_flag(true).arg(
        clap::Arg::new("version")
            .short('V')
            .long("version")
            .action(clap::ArgAction::Version)
            .help("显示版本"),
    ))
    .mut_arg("all", |a| {
        a.help("列出全部问题（默认每个文件最多列 10 条、总共最多 100 条；全部都计数）")
    })
    .mut_arg("lang", |a| {
        a.help("提示信息的语言：zh（中文，默认）或 en（英文）；环境变量 LANG=en… 也会选英文")
    })
    .mut_arg("all", |a| {
        a.help("列出全部问题（默认每个文件最多列 10 个、一共最多 100 个；总数都会统计）")
    })
    .about("用一个文件夹里的 YAML/Markdown 生成政务公开（六公开）网站、可打印的公文和开放数据。")
    .long_about(
        "gongkai（公开）读取网站文件夹里的 site.yaml 和 content 文件夹，生成公开网站、\
可打印的 DOCX 公文和开放数据。\n\n常用步骤：gongkai init 新网站 → gongkai check 新网站 → \
gongkai serve 新网站（边改边预览）→ gongkai build 新网站（生成 output 文件夹）。\n\n\
退出码：0 成功，1 内容有错误，2 命令用法有误，3 无法写入输出文件夹（磁盘满、没有权限）。",
    )
    .mut_subcommand("check", |c| {
        zh(c)
            .about("检查网站的每个文件，列出所有问题；不写任何文件。")
            .mut_arg("dir", |a| a.help(dir_help))
            .mut_arg("root", |a| a.help(root_help))
    })
    .mut_subcommand("build", |c| {
        zh(c)
            .about("检查网站，然后生成到输出文件夹。")
            .mut_arg("dir", |a| a.help(dir_help))
            .mut_arg("root", |a| a.help(root_help))
            .mut_arg("output", |a| {
                a.help("生成到哪个文件夹（默认：网站文件夹里的 output）")
            })
            .mut_arg("drafts", |a| {
                a.help("连草稿一起生成并加上标记；公开发布的网站不要用")
            })
            .mut_arg("full", |a| {
                a.help("全部重新生成，不参考上一次生成的记录（默认只重新生成有变化的部分）")
            })
    })
    .mut_subcommand("init", |c| {
        zh(c)
            .about("在 DIR 里写一个可以直接用的示例网站（DIR 须为空或尚不存在），日期以今天为准。")
            .mut_arg("dir", |a| a.help("新网站的文件夹"))
    })
    .mut_subcommand("serve", |c| {
        zh(c)
            .about("在本机预览网站（含草稿）；每次保存后自动重新生成并刷新。")
            .mut_arg("dir", |a| a.help(dir_help))
            .mut_arg("root", |a| a.help(root_help))
            .mut_arg("bind", |a| {
                a.help("监听的地址。不是 127.0.0.1 时，别的电脑也能看到预览，包括草稿")
            })
            .mut_arg("port", |a| a.help("端口；被占用时自动用下一个空闲端口"))
            .mut_arg("poll", |a| {
                a.help("用定时查看的方式发现修改（网络盘、WSL 上用），不用系统通知")
            })
            .mut_arg("open", |a| a.help("在浏览器中打开预览"))
    })
    .mut_subcommand("import", |c| {
        zh(c)
            .about("从事项表格（.xlsx/.xls/.ods/.csv）导入事项，写入 content/services/。")
            .mut_arg("file", |a| a.help("事项表格文件"))
            .mut_arg("root", |a| a.help("网站文件夹（有 site.yaml 的那个）"))
            .mut_arg("map", |a| a.help("表头对照文件：每行“表格表头: 标准表头”"))
            .mut_arg("dry_run", |a| a.help("只报告会发生什么，不写任何文件"))
    })
    .mut_subcommand("export", |c| {
        zh(c)
            .about("把事项清单导出为 .xlsx 表格（全国实施清单表头，可再导入）。")
            .mut_arg("file", |a| {
                a.help("要写入的 .xlsx 文件（默认：当前文件夹的 services.xlsx）")
            })
            .mut_arg("root", |a| a.help("网站文件夹（有 site.yaml 的那个）"))
            .mut_arg("output", |a| {
                a.help("要写入的 .xlsx 文件，写成选项的形式（与 FILE.xlsx 相同）")
            })
    })
}

/// Runs the command line; returns the exit status.
pub fn main() -> i32 {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lossy: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    diag::lang::set(diag::lang::from_args(&lossy));
    let cli = match command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => {
            match usage_error_zh(&e) {
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
                let d = dir.display();
                eprintln!(
                    "{}",
                    tr!(
                        "已在 {d} 写好示例网站（{n} 个文件）。下一步：gongkai check {d}，再 gongkai serve {d} 预览，gongkai build {d} 生成。",
                        "wrote an example site ({n} files) into {d}; check it with `gongkai check {d}`, preview it with `gongkai serve {d}`, build it with `gongkai build {d}`"
                    )
                );
                EXIT_OK
            }
            Err(crate::build::InitError::NotEmpty) => {
                let d = dir.display();
                eprintln!(
                    "{}",
                    tr!(
                        "错误：{d} 不是空文件夹；请指定一个新的或空的文件夹",
                        "error: {d} is not empty; give a new or empty folder"
                    )
                );
                EXIT_USAGE
            }
            Err(crate::build::InitError::NoExample) => {
                eprintln!(
                    "{}",
                    tr(
                        "错误：这个版本的 gongkai 没有带示例网站",
                        "error: this build of gongkai holds no example site"
                    )
                );
                EXIT_CONTENT
            }
            Err(crate::build::InitError::Io(e)) => {
                let d = dir.display();
                eprintln!(
                    "{}",
                    tr!("错误：无法写入 {d}：{e}", "error: cannot write {d}: {e}")
                );
                EXIT_IO
            }
        },
        Command::Check { dir, root } => {
            let root = site_dir(dir, root);
            if let Err(code) = require_site(&root) {
                return code;
            }
            let parsed = crate::build::check(&root);
            report(&parsed);
            if let Some(site) = &parsed.site {
                print_completeness(site);
                eprintln!("{}", summary(&parsed, false));
                EXIT_OK
            } else {
                EXIT_CONTENT
            }
        }
        Command::Build {
            dir,
            root,
            output,
            drafts,
            full,
        } => {
            let root = site_dir(dir, root);
            if let Err(code) = require_site(&root) {
                return code;
            }
            let output = output.unwrap_or_else(|| root.join("output"));
            if let Some(why) = crate::write::output_problem(&root, &output) {
                eprintln!("{}{why}", tr("错误：", "error: "));
                return EXIT_USAGE;
            }
            let started = std::time::Instant::now();
            let parsed = crate::build::check(&root);
            report(&parsed);
            let options = crate::build::BuildOptions { drafts, full };
            match crate::build::build_with(&parsed, &output, options) {
                Ok(r) => {
                    report_replaced(&output, &r.removed);
                    let (files, mb, changed, out, secs) = (
                        r.files,
                        r.bytes as f64 / 1_048_576.0,
                        r.files - r.unchanged,
                        output.display(),
                        started.elapsed().as_secs_f64(),
                    );
                    eprintln!(
                        "{}\n{}",
                        summary(&parsed, drafts),
                        tr!(
                            "已生成 {files} 个文件（{mb:.1} MB，其中 {changed} 个有变化），写入 {out}，用时 {secs:.2} 秒",
                            "built {files} files ({mb:.1} MB; {changed} changed) into {out} in {secs:.2} s"
                        )
                    );
                    EXIT_OK
                }
                Err(crate::build::BuildError::Content) => EXIT_CONTENT,
                Err(crate::build::BuildError::Render(diags)) => {
                    let mut out = stderr();
                    let _ = diag::render(&mut out, &diags, &parsed.sources);
                    eprintln!(
                        "{}",
                        tr(
                            "网站无法生成；没有写入任何文件。",
                            "the site could not be rendered; nothing was written."
                        )
                    );
                    EXIT_CONTENT
                }
                Err(crate::build::BuildError::Write(e)) => {
                    let out = output.display();
                    eprintln!(
                        "{}",
                        tr!(
                            "错误：无法写入 {out}：{e}；上一次生成的内容没有变。",
                            "error: cannot write {out}: {e}; the previous output is unchanged."
                        )
                    );
                    EXIT_IO
                }
            }
        }
        Command::Serve {
            dir,
            root,
            bind,
            port,
            poll,
            open,
        } => {
            let root = site_dir(dir, root);
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
                    eprintln!("{}{e}", tr("错误：", "error: "));
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
    let o = out.display();
    if !is_xlsx {
        eprintln!(
            "{}",
            tr!(
                "错误：{o} 不是 .xlsx 文件；请写成例如 gongkai export 事项清单.xlsx",
                "error: {o} is not an .xlsx file; write e.g. gongkai export services.xlsx"
            )
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
            eprintln!("{}{e}", tr("错误：", "error: "));
            return EXIT_CONTENT;
        }
    };
    if let Err(e) = crate::export::write_file(out, &bytes) {
        eprintln!(
            "{}",
            tr!("错误：无法写入 {o}：{e}", "error: cannot write {o}: {e}")
        );
        return EXIT_CONTENT;
    }
    let (n, kb, secs) = (
        site.services.len(),
        bytes.len() as f64 / 1024.0,
        started.elapsed().as_secs_f64(),
    );
    eprintln!(
        "{}",
        tr!(
            "已导出 {n} 个事项到 {o}（{kb:.1} KB，{secs:.2} 秒）",
            "exported {n} items to {o} ({kb:.1} KB, {secs:.2} s)"
        )
    );
    EXIT_OK
}

fn parse_lang(s: &str) -> Result<diag::Lang, String> {
    diag::Lang::parse(s).ok_or_else(|| "zh | en".to_string())
}

fn require_site(root: &std::path::Path) -> Result<(), i32> {
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
        let (e, f, w) = (errors.len(), files.len(), warnings.len());
        if files.contains(crate::load::SITE_YAML) {
            eprintln!(
                "{}",
                tr(
                    "site.yaml 有错误：其他文件要按它来检查，请先改好 site.yaml，再运行一次。",
                    "site.yaml has errors: the other files are checked against it, so fix it first and run again."
                )
            );
        }
        eprintln!(
            "{}",
            tr!(
                "{e} 个错误（在 {f} 个文件中），{w} 个提醒；没有写入任何文件。",
                "{e} error(s) in {f} file(s), {w} warning(s); nothing was written."
            )
        );
        print_incomplete_hint(&errors);
    }
}

/// After the error summary: when some errors are required elements missing, says that
/// site.yaml `发布未完善事项` publishes such items as they are.
fn print_incomplete_hint(errors: &[Diagnostic]) {
    let hint = crate::parse::publish_incomplete_hint();
    let files: std::collections::BTreeSet<&str> = errors
        .iter()
        .filter(|d| d.help.as_deref().is_some_and(|h| h.contains(hint)))
        .map(|d| d.file.as_str())
        .collect();
    if !files.is_empty() {
        eprintln!(
            "{}",
            crate::tr!(
                "其中 {} 个事项缺少必填的公开要素（设定依据、申报材料、办事流程、办理时限、收费、办理地点）；{}，缺少的要素显示为“未公开”。",
                "{} item(s) lack a required element (设定依据, 申报材料, 办事流程, 办理时限, 收费, 办理地点); {}, and the missing elements are shown as 未公开.",
                files.len(),
                hint
            )
        );
    }
}

/// `check`: the 公开完整度 table per department, when any item in use is incomplete.
pub(crate) fn print_completeness(site: &crate::model::Site) {
    let published: Vec<crate::model::Service> =
        site.services.iter().filter(|s| !s.draft).cloned().collect();
    let incomplete = published
        .iter()
        .filter(|s| s.in_use() && s.is_incomplete())
        .count();
    if incomplete == 0 {
        return;
    }
    println!(
        "{}",
        crate::tr!(
            "{} 个事项指南待完善（已设置 发布未完善事项）。公开完整度（已公开/应公开）：",
            "{} item(s) are incomplete (发布未完善事项 is set). Completeness (stated/required):",
            incomplete
        )
    );
    print!(
        "{}",
        crate::figures::completeness_table(&crate::figures::completeness(&published))
    );
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

/// Says which files the previous output held that this build did not make: put there by
/// hand, or pages of content since removed. They are gone with the old output.
fn report_replaced(output: &std::path::Path, gone: &[String]) {
    if gone.is_empty() {
        return;
    }
    let n = gone.len();
    let mut list: Vec<&str> = gone.iter().take(5).map(|s| s.as_str()).collect();
    if n > 5 {
        list.push("…");
    }
    let list = list.join(tr("、", ", "));
    let out = output.display();
    eprintln!(
        "{}",
        tr!(
            "提醒：原来的 {out} 里有 {n} 个文件这次没有生成，已随旧的内容一起移除：{list}。每次生成都会整个替换 {out}；手工放进去的文件会消失，要发布的附件请放到 content/static。",
            "warning: the previous {out} held {n} file(s) this build did not make; they went with the old output: {list}. Each build replaces {out} whole: files put there by hand vanish; put attachments under content/static."
        )
    );
}

/// The summary line of a run: what is published (drafts only with `drafts`), and warnings.
fn summary(parsed: &Parsed, drafts: bool) -> String {
    let Some(site) = &parsed.site else {
        return String::new();
    };
    let count = |flags: &mut dyn Iterator<Item = bool>| -> (usize, usize) {
        flags.fold((0, 0), |(p, d), draft| {
            if draft && !drafts {
                (p, d + 1)
            } else {
                (p + 1, d)
            }
        })
    };
    let (services, d1) = count(&mut site.services.iter().map(|s| s.draft));
    let (plans, d2) = count(&mut site.plans.iter().map(|s| s.draft));
    let (notices, d3) = count(&mut site.notices.iter().map(|s| s.draft));
    let (centres, d4) = count(&mut site.centres.iter().map(|s| s.draft));
    let (pages, d5) = count(&mut site.pages.iter().map(|s| s.draft));
    let held = d1 + d2 + d3 + d4 + d5;
    let attachments = site.static_files.len();
    let warnings = parsed.diags.len();
    let mut line = tr!(
        "没有错误：发布 {services} 个事项、{plans} 个方案、{notices} 个公告、{centres} 个服务中心、{pages} 个页面、{attachments} 个附件；{warnings} 个提醒",
        "ok: {services} services, {plans} plans, {notices} notices, {centres} centres, {pages} pages, {attachments} attachments; {warnings} warning(s)"
    );
    if held > 0 {
        line.push_str(&tr!(
            "（另有 {held} 份草稿不发布）",
            " ({held} draft(s) not published)"
        ));
    }
    line
}

/// A command-line mistake (clap's error) said in Chinese, with what to do; `None` for the
/// help and version texts, which clap prints itself.
fn usage_error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |k: ContextKind| -> Option<String> {
        match e.get(k)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join("、")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::StyledStrs(v) => Some(
                v.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join("、"),
            ),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let mut text = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::InvalidSubcommand => format!(
            "错误：没有“{}”这个命令。可用的命令：check（检查）、build（生成）、serve（预览）、init（新建）、import（导入）、export（导出）。",
            get(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument => format!("错误：不认识“{arg}”。"),
        ErrorKind::InvalidValue => match get(ContextKind::ValidValue) {
            Some(valid) => format!("错误：{arg} 不能写“{value}”；可以写：{valid}。"),
            None => format!("错误：{arg} 后面要写一个值。"),
        },
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            // The value parsers of this command line say what is allowed as `a | b`.
            Some(allowed) if allowed.to_string().contains('|') => {
                format!("错误：“{value}”不能用作 {arg}；可以写：{allowed}。")
            }
            _ => format!("错误：“{value}”不能用作 {arg}。"),
        },
        ErrorKind::MissingRequiredArgument => format!("错误：缺少 {arg}。"),
        ErrorKind::MissingSubcommand => {
            "错误：缺少命令（check、build、serve、init、import 或 export）。".to_string()
        }
        ErrorKind::ArgumentConflict => format!(
            "错误：{arg} 和 {} 不能同时用。",
            get(ContextKind::PriorArg).unwrap_or_default()
        ),
        ErrorKind::TooManyValues => {
            format!("错误：{arg} 写多了（“{value}”）。")
        }
        ErrorKind::NoEquals => format!("错误：{arg} 后面要用“=”接值。"),
        _ => "错误：命令的写法不对。".to_string(),
    };
    if let Some(s) =
        get(ContextKind::SuggestedSubcommand).or_else(|| get(ContextKind::SuggestedArg))
    {
        text.push_str(&format!("是不是“{s}”？"));
    }
    text.push_str("\n查看写法：gongkai --help，或某个命令的 gongkai 命令 --help（例如 gongkai check --help）。");
    Some(text)
}

#[cfg(test)]
mod usage_tests {
    use super::*;

    fn said(args: &[&str]) -> String {
        let e = command().try_get_matches_from(args).unwrap_err();
        usage_error_zh(&e).expect("a usage mistake")
    }

    #[test]
    fn command_line_mistakes_are_said_in_chinese_with_the_nearest_spelling() {
        crate::diag::lang::with(crate::diag::Lang::Zh, || {
            let t = said(&["gongkai", "chekc"]);
            assert!(
                t.contains("没有“chekc”这个命令") && t.contains("是不是“check”"),
                "{t}"
            );
            let t = said(&["gongkai", "build", "--ouput", "x"]);
            assert!(
                t.contains("不认识“--ouput”") && t.contains("--output"),
                "{t}"
            );
            let t = said(&["gongkai", "check", "--lang", "fr"]);
            assert!(
                t.contains("“fr”不能用作 --lang") && t.contains("zh | en"),
                "{t}"
            );
            let t = said(&["gongkai", "serve", "--port", "abc"]);
            assert!(t.contains("“abc”不能用作"), "{t}");
            assert!(t.contains("gongkai --help"), "{t}");
            let e = command()
                .try_get_matches_from(["gongkai", "--help"])
                .unwrap_err();
            assert!(usage_error_zh(&e).is_none());
        });
    }
}
