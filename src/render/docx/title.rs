//! Line breaks in titles: GB/T 9704 7.3.3 asks that a title of several lines be broken
//! where the meaning allows, never inside a word ("先进集体和先 / 进个人").
//!
//! Word and WPS break Chinese text between any two characters, so a title longer than
//! a line is broken here, with explicit line breaks: every place between two
//! characters gets a cost (after punctuation or 的/和/与 cheap, inside a word of
//! [`WORDS`] or a run of Latin letters and digits forbidden, elsewhere in between),
//! and the breaks with the lowest total cost and the most even lines win. A line break
//! written in the title forces a break there; the parts are broken on their own.

use super::text::text_chars;

/// Words of document titles that must not be split across lines.
const WORDS: &[&str] = &[
    "一次性告知单",
    "告知单",
    "行政处罚",
    "行政许可",
    "行政检查",
    "行政强制",
    "行政确认",
    "行政给付",
    "行政奖励",
    "行政裁决",
    "行政征收",
    "公共服务",
    "先进集体",
    "先进个人",
    "服务中心",
    "便民服务",
    "政务服务",
    "行政服务",
    "实施方案",
    "工作方案",
    "专项检查",
    "专项行动",
    "营业执照",
    "经营活动",
    "依法取得",
    "未依法",
    "许可证",
    "申请表",
    "审批表",
    "登记表",
    "工程建设",
    "最低生活保障",
    "社会保险",
    "社会保障",
    "人力资源",
    "就业",
    "创业",
    "全程代办",
    "重点项目",
    "标准化",
    "规范化",
    "便利化",
    "一件事",
    "一次办",
    "六公开",
    "政务公开",
    "公示",
    "公告",
    "通知",
    "通报",
    "决定",
    "意见",
    "办法",
    "名单",
    "表彰",
    "国庆",
    "春节",
    "期间",
    "安排",
    "关于",
    "乡镇",
    "街道",
    "社区",
    "村民",
    "居民",
    "企业",
    "个体工商户",
    "建设",
    "管理",
    "改革",
    "推进",
    "开展",
    "进一步",
    "加强",
    "做好",
    "有关",
    "事项",
    "工作",
    "服务",
    "或者",
    "转移",
    "登记",
    "审批",
    "核发",
    "认定",
    "许可",
    "备案",
    "给付",
    "补贴",
    "护理",
    "奖励",
    "监督",
    "检查",
    "施工",
    "安全生产",
    "食品",
    "健康",
    "证明",
    "证据",
    "标准",
    "公路",
    "改线",
    "挖掘",
    "占用",
    "车辆",
    "货运",
    "限额",
    "发票",
    "开票",
    "税控",
    "系统",
    "对象",
    "幼儿园",
    "小学",
    "中学",
    "残疾人",
    "居民",
    "身份证",
    "养老保险",
    "医疗保险",
    "参保",
    "户口",
    "迁移",
    "亲属",
    "二手房",
    "房屋",
    "所有权",
    "使用权",
    "建设用地",
    "国有",
    "基层",
    "深化",
    "高效",
    "办成",
    "假期",
    "国庆节",
    "拟表彰",
    "促进",
    "成绩",
    "单位",
    "个人",
    "集体",
];

/// Punctuation a line may not start with.
const NO_LINE_START: &str = "，。、；：？！）》」』”’〕】…—,.;:?!)]";
/// Punctuation a line may not end with.
const NO_LINE_END: &str = "（《「『“‘〔【([";
/// Characters a line may well end after.
const GOOD_END: &str = "，、；：）》」』”〕】";
/// Particles after which a line may end.
const PARTICLES: &str = "的和与及或暨";

/// Cost of a break that is forbidden.
const FORBIDDEN: u32 = 10_000;

/// `title` in lines at most `per_line` characters wide (as
/// [`text_chars`](super::text::text_chars) counts them), broken between words.
pub fn lines(title: &str, per_line: f64) -> Vec<String> {
    title
        .split('\n')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .flat_map(|part| break_part(part, per_line.max(1.0)))
        .collect()
}

fn break_part(part: &str, per_line: f64) -> Vec<String> {
    let chars: Vec<char> = part.chars().collect();
    if text_chars(part) <= per_line || chars.len() < 2 {
        return vec![part.to_string()];
    }
    let cost = break_costs(&chars);
    let n = chars.len();
    // width[i][j]: width of chars[i..j].
    let width = |i: usize, j: usize| text_chars(&chars[i..j].iter().collect::<String>());
    // best[j] = (cost, lines) of the best breaking of chars[..j] with a break before j.
    let mut best: Vec<Option<(f64, Vec<usize>)>> = vec![None; n + 1];
    best[0] = Some((0.0, Vec::new()));
    let ideal = {
        let total = text_chars(part);
        let k = (total / per_line).ceil();
        total / k
    };
    for j in 1..=n {
        let mut choice: Option<(f64, Vec<usize>)> = None;
        for i in (0..j).rev() {
            let w = width(i, j);
            if w > per_line {
                break;
            }
            let Some((c, breaks)) = &best[i] else {
                continue;
            };
            let at = if j == n { 0 } else { cost[j] };
            if at >= FORBIDDEN {
                continue;
            }
            // Lines close to the even width; a line is one more line.
            let total = c + f64::from(at) + (w - ideal).powi(2) * 0.5 + 40.0;
            if choice.as_ref().is_none_or(|(best, _)| total < *best) {
                let mut b = breaks.clone();
                b.push(j);
                choice = Some((total, b));
            }
        }
        best[j] = choice;
    }
    let Some((_, breaks)) = best[n].take() else {
        return vec![part.to_string()];
    };
    let mut out = Vec::with_capacity(breaks.len());
    let mut start = 0;
    for end in breaks {
        out.push(chars[start..end].iter().collect());
        start = end;
    }
    out
}

/// The cost of a break before each character (index 0 unused).
fn break_costs(chars: &[char]) -> Vec<u32> {
    let n = chars.len();
    let mut cost = vec![20u32; n];
    let text: String = chars.iter().collect();
    // Char index of each byte offset, to map word matches.
    let offsets: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    for w in WORDS {
        for (byte, _) in text.match_indices(w) {
            let Ok(start) = offsets.binary_search(&byte) else {
                continue;
            };
            let len = w.chars().count();
            for c in cost.iter_mut().take((start + len).min(n)).skip(start + 1) {
                *c = (*c).max(FORBIDDEN / 2);
            }
        }
    }
    for i in 1..n {
        let (prev, next) = (chars[i - 1], chars[i]);
        if (prev.is_ascii_alphanumeric() || prev == '-')
            && (next.is_ascii_alphanumeric() || next == '-')
            || NO_LINE_START.contains(next)
            || NO_LINE_END.contains(prev)
        {
            cost[i] = FORBIDDEN;
        } else if prev.is_ascii_digit() && !next.is_ascii() {
            // A number and its unit: 4500千克, 2026年.
            cost[i] = cost[i].max(FORBIDDEN / 2);
        } else if GOOD_END.contains(prev) {
            cost[i] = 0;
        } else if next == '的' {
            cost[i] = cost[i].max(60);
        } else if PARTICLES.contains(prev) && cost[i] < FORBIDDEN / 2 {
            cost[i] = 2;
        }
    }
    cost
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_stay_on_one_line() {
        assert_eq!(
            lines("关于国庆期间服务安排的通知", 20.0),
            ["关于国庆期间服务安排的通知"]
        );
    }

    #[test]
    fn long_titles_break_between_words() {
        let got = lines(
            "对未依法取得营业执照从事经营活动的行政处罚一次性告知单",
            20.0,
        );
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got.iter().all(|l| text_chars(l) <= 20.0), "{got:?}");
        for w in ["行政处罚", "一次性告知单", "营业执照", "经营活动"] {
            assert!(got.iter().any(|l| l.contains(w)), "{w}: {got:?}");
        }
        assert_eq!(
            got.concat(),
            "对未依法取得营业执照从事经营活动的行政处罚一次性告知单"
        );
        let got = lines("关于表彰2026年度就业创业工作先进集体和先进个人的决定", 20.0);
        assert!(got.iter().any(|l| l.contains("先进个人")), "{got:?}");
    }

    #[test]
    fn a_written_line_break_forces_a_break() {
        assert_eq!(
            lines("关于做好\n国庆期间的通知", 20.0),
            ["关于做好", "国庆期间的通知"]
        );
    }

    #[test]
    fn numbers_stay_whole() {
        let got = lines(
            "清河区2026-2027年度一件事一次办改革实施方案任务分解表",
            12.0,
        );
        assert!(got.iter().any(|l| l.contains("2026-2027")), "{got:?}");
    }
}
