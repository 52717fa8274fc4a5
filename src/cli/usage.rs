//! Command-line mistakes (clap's errors) said in Chinese.

/// A command-line mistake (clap's error) said in Chinese, with what to do; `None` for the
/// help and version texts, which clap prints itself.
pub(super) fn usage_error_zh(e: &clap::Error) -> Option<String> {
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
            "错误：没有“{}”这个命令。可用的命令：check（检查）、build（生成）、serve（预览）、init（新建）、import（导入）、export（导出）、changes（比较清单）。",
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
    use crate::cli::args::command;

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
