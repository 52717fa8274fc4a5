//! The command line's arguments, and their help texts in Chinese.

use crate::diag;
use clap::{CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "gongkai",
    version,
    about = "Builds a disclosure website (六公开), printable notices and open data from a folder of YAML/Markdown.",
    long_about = "gongkai (公开) reads site.yaml and the content/ folder of a site and builds the public \
website, printable DOCX notices and open data.\n\nExit status: 0 success, 1 content errors, 2 usage errors, 3 the output could not be written (disk full, no permission)."
)]
pub(super) struct Cli {
    /// Language of messages: zh (中文, the default) or en; LANG=en… also selects English.
    #[arg(long, global = true, value_name = "zh|en", value_parser = parse_lang)]
    pub(super) lang: Option<diag::Lang>,
    /// List every problem (by default at most 10 a file and 100 in all are listed; all are counted).
    #[arg(long, global = true)]
    pub(super) all: bool,
    #[command(subcommand)]
    pub(super) command: Command,
}

#[derive(Subcommand, Debug)]
pub(super) enum Command {
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
    /// Compare the catalogue with an earlier one and list the items added, cancelled and
    /// changed, element by element; --notice writes the draft 公示.
    Changes {
        /// The earlier catalogue: a site folder, a built site's folder or its data/services.json.
        #[arg(long, value_name = "OLD")]
        from: PathBuf,
        /// The site folder (the one with site.yaml).
        #[arg(long, default_value = ".", value_name = "DIR")]
        root: PathBuf,
        /// Write the comparison as a draft notice (类别 公示) into content/notices/.
        #[arg(long)]
        notice: bool,
    },
}

/// The command line definition, its texts in the language in force.
pub(super) fn command() -> clap::Command {
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
    .mut_subcommand("changes", |c| {
        zh(c)
            .about("把事项清单与以前的版本比较，列出新增、取消和调整的事项及每项要素的变化；--notice 写出公示草稿。")
            .mut_arg("from", |a| {
                a.help("以前的版本：网站文件夹、生成的网站文件夹，或其中的 data/services.json")
            })
            .mut_arg("root", |a| a.help("网站文件夹（有 site.yaml 的那个）"))
            .mut_arg("notice", |a| {
                a.help("把比较结果写成公示草稿（类别 公示），放进 content/notices/")
            })
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

fn parse_lang(s: &str) -> Result<diag::Lang, String> {
    diag::Lang::parse(s).ok_or_else(|| "zh | en".to_string())
}
