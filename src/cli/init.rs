//! `gongkai init`.

use super::{EXIT_CONTENT, EXIT_IO, EXIT_OK, EXIT_USAGE};
use crate::diag::tr;
use crate::tr;
use std::path::Path;

/// Writes the example site into `dir` (new or empty); returns the exit status.
pub(super) fn run(dir: &Path) -> i32 {
    let d = dir.display();
    match crate::build::init(dir) {
        Ok(n) => {
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
            eprintln!(
                "{}",
                tr!("错误：无法写入 {d}：{e}", "error: cannot write {d}: {e}")
            );
            EXIT_IO
        }
    }
}
