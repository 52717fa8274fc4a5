//! 公开完整度 as a plain-text table for the terminal (`gongkai check`).

use super::Completeness;
use crate::model::Element;

/// Display width of `s` in a terminal: CJK and full-width characters take two columns.
fn width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            if (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
                || (0x20000..=0x3FFFD).contains(&u)
            {
                2
            } else {
                1
            }
        })
        .sum()
}

fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(width(s))))
}

/// The rows of [`super::completeness`] as aligned columns: 实施主体, 事项数, 待完善 and one
/// column per element with `stated/required` (`—` when no item must state it).
pub fn completeness_table(rows: &[Completeness]) -> String {
    let mut header = vec!["实施主体".to_string(), "事项数".into(), "待完善".into()];
    header.extend(Element::ALL.iter().map(|e| e.label().to_string()));
    let mut table = vec![header];
    for r in rows {
        let mut line = vec![
            r.department.clone(),
            r.items.to_string(),
            r.incomplete.to_string(),
        ];
        line.extend(r.elements.iter().map(|(_, stated, required)| {
            if *required == 0 {
                "—".to_string()
            } else {
                format!("{stated}/{required}")
            }
        }));
        table.push(line);
    }
    let columns = table[0].len();
    let widths: Vec<usize> = (0..columns)
        .map(|i| table.iter().map(|l| width(&l[i])).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for line in &table {
        let cells: Vec<String> = line.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::completeness;
    use crate::model::{Service, ServiceType};

    #[test]
    fn columns_line_up_with_chinese_names() {
        let a = Service::new("A", "a", ServiceType::Licence, "区市场监督管理局");
        let b = Service::new("B", "b", ServiceType::PublicService, "区医保局");
        let t = completeness_table(&completeness(&[a, b]));
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 4, "{t}");
        assert!(lines[0].starts_with("实施主体"));
        assert!(lines[3].starts_with("合计"));
        // 设定依据: the 公共服务 item needs none.
        let public = lines.iter().find(|l| l.starts_with("区医保局")).unwrap();
        assert!(public.contains("—"), "{t}");
        let col = |l: &str| width(&l[..l.find("  ").unwrap()]);
        assert!(lines.iter().all(|l| l.contains("  ")));
        assert!(col(lines[1]) <= width("区市场监督管理局"));
    }
}
