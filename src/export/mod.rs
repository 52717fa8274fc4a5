//! Export stage: the typed catalogue → an .xlsx workbook under the national 实施清单
//! headings, for `gongkai export` and the build's `/data/services.xlsx`.
//!
//! Beside render in the pipeline: it reads the validated [`Site`], never files.
//! [`sheets`] lays the items out as rows of cells, [`xlsx`] writes them as a workbook.
//! Importing an export (`gongkai import`) gives the same items.

pub mod sheets;
pub mod xlsx;

use crate::model::Site;

/// The catalogue of `site` (its items in code order) as the bytes of an .xlsx workbook.
pub fn services_xlsx(site: &Site) -> Result<Vec<u8>, String> {
    let c = &site.config;
    xlsx::workbook(
        sheets::sheets(&site.services, &c.complaint_phone),
        &format!("{}事项清单", c.organization),
        &c.organization,
        c.as_of,
    )
    .map_err(|e| match e {
        rust_xlsxwriter::XlsxError::TempFileError(dir, why) => crate::tr!(
            "无法生成事项表格：在临时文件夹 {} 里写不了临时文件（{}）；请确认这个文件夹存在、可以写入、磁盘没有满",
            "cannot make the workbook: no temporary file can be written in the temporary folder {} ({}); check that the folder exists, is writable and the disk is not full",
            dir.display(),
            io_reason(&why)
        ),
        e => crate::tr!("无法生成事项表格：{}", "cannot make the workbook: {}", e),
    })
}

/// Why an input or output failed, in the clerk's words where the cause is a common one.
fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => crate::diag::tr("文件夹不存在", "the folder does not exist").into(),
        ErrorKind::PermissionDenied => {
            crate::diag::tr("没有写入权限", "no permission to write").into()
        }
        ErrorKind::StorageFull => crate::diag::tr("磁盘已满", "the disk is full").into(),
        _ => e.to_string(),
    }
}

/// Writes `bytes` to `path` through a temporary file beside it, so that an interrupted
/// export leaves any previous file as it was.
pub fn write_file(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.gongkai-export"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
