//! Decoding file bytes: UTF-8 (with or without BOM), CRLF; a clear error for anything else.
use crate::diag::tr;
use crate::tr;

/// Decodes `bytes` read from `path` into text with `\n` line ends.
///
/// On failure returns the message to show the clerk: which encoding the file seems to be
/// in and the one-line command that converts it.
pub fn decode(path: &str, bytes: &[u8]) -> Result<String, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(normalize_newlines(text)),
        Err(e) => Err(explain_encoding(path, bytes, e.valid_up_to())),
    }
}

fn normalize_newlines(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

fn explain_encoding(path: &str, bytes: &[u8], valid_up_to: usize) -> String {
    let line = bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count() + 1;
    let (name, iconv) = if bytes.starts_with(b"\xFF\xFE") {
        (
            tr(
                "UTF-16（Windows 记事本的“Unicode”）",
                "UTF-16 (Windows 记事本 “Unicode”)",
            ),
            "UTF-16",
        )
    } else if bytes.starts_with(b"\xFE\xFF") {
        (tr("UTF-16 大端", "UTF-16 big-endian"), "UTF-16BE")
    } else {
        let (_, _, had_errors) = encoding_rs::GB18030.decode(bytes);
        if had_errors {
            (tr("无法识别的编码", "an unknown encoding"), "GB18030")
        } else {
            (
                tr(
                    "GBK/GB18030（较旧的 Windows 编辑器常用）",
                    "GBK/GB18030 (saved by an older Windows editor)",
                ),
                "GB18030",
            )
        }
    };
    tr!(
        "文件不是 UTF-8 编码（第 {line} 行开始出现无法识别的字），看起来是 {name}。\
         请用记事本打开后“另存为”，编码选 UTF-8；或用命令转换：\
         iconv -f {iconv} -t UTF-8 '{path}' -o '{path}.utf8' && mv '{path}.utf8' '{path}'",
        "file is not UTF-8 (first bad byte on line {line}); it looks like {name}. \
         Save it as UTF-8 (记事本: 另存为 → 编码 UTF-8), or convert it with: \
         iconv -f {iconv} -t UTF-8 '{path}' -o '{path}.utf8' && mv '{path}.utf8' '{path}'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        assert_eq!(
            decode("a", b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n").unwrap(),
            "a: 1\nb: 2\n"
        );
    }

    #[test]
    fn names_gbk_and_the_command() {
        let (gbk, _, _) = encoding_rs::GBK.encode("标题: 通知\n");
        let err = decode("content/notices/n.md", &gbk).unwrap_err();
        assert!(err.contains("UTF-8"));
        assert!(err.contains("GB18030"));
        assert!(err.contains("iconv -f GB18030 -t UTF-8 'content/notices/n.md'"));
    }

    #[test]
    fn names_utf16() {
        let err = decode("x.md", b"\xFF\xFEa\x00").unwrap_err();
        assert!(err.contains("UTF-16"), "{err}");
    }
}
