//! QR codes pointing to an item's page, as 1-bit PNG.
//!
//! The qrcode crate encodes the data and draws the symbol; the mask is chosen here with
//! the same penalty rules and order as the crate's own `apply_best_mask` (so the
//! symbol is the same), scored on rows and columns held as bits (symbols up to 64
//! modules wide, which every page address fits in) or on a plain grid of booleans,
//! either many times faster than scoring the crate's canvas.

use crate::render::escape::push_int;
use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::types::Color;
use qrcode::{EcLevel, bits, ec};

/// Pixels per QR module.
const SCALE: usize = 4;
/// Quiet zone around the code, in modules (the standard asks for 4).
const QUIET: usize = 4;

/// The eight masks of a normal QR code, in the order the standard numbers them; ties
/// go to the first.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// A PNG of the QR code for `url` and its width in pixels (it is square), or `None`
/// when the text cannot be encoded (too long).
pub fn png(url: &str) -> Option<(Vec<u8>, u32)> {
    let (dark, modules) = symbol(url.as_bytes())?;
    let side = (modules + 2 * QUIET) * SCALE;
    // One bit a pixel, 1 = white, rows padded to whole bytes.
    let row_bytes = side.div_ceil(8);
    let mut pixels = vec![0xFFu8; row_bytes * side];
    for (y, modules_row) in dark.chunks_exact(modules).enumerate() {
        // One row of pixels, then copied down for the module's height.
        let first = (y + QUIET) * SCALE * row_bytes;
        let row = &mut pixels[first..first + row_bytes];
        for (x, _) in modules_row.iter().enumerate().filter(|(_, d)| **d) {
            for px in (x + QUIET) * SCALE..(x + QUIET + 1) * SCALE {
                row[px / 8] &= !(0x80 >> (px % 8));
            }
        }
        for dy in 1..SCALE {
            pixels.copy_within(first..first + row_bytes, first + dy * row_bytes);
        }
    }
    let mut out = Vec::with_capacity(1024);
    {
        let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::One);
        enc.set_compression(png::Compression::Fast);
        let mut writer = enc.write_header().ok()?;
        writer.write_image_data(&pixels).ok()?;
        writer.finish().ok()?;
    }
    Some((out, side as u32))
}

/// The QR code for `url` as an inline SVG (`role="img"` with `label` as its name), one
/// path of dark modules with the quiet zone, scaled by CSS; `None` when the text cannot
/// be encoded. The same symbol as [`png`].
pub fn svg(url: &str, label: &str) -> Option<String> {
    let (dark, modules) = symbol(url.as_bytes())?;
    let side = modules + 2 * QUIET;
    let mut path: Vec<u8> = Vec::with_capacity(dark.len() * 4);
    for (y, row) in dark.chunks_exact(modules).enumerate() {
        let mut x = 0;
        while x < modules {
            if !row[x] {
                x += 1;
                continue;
            }
            // One horizontal run of dark modules.
            let start = x;
            while x < modules && row[x] {
                x += 1;
            }
            // `M{x} {y}h{run}v1h-{run}z`, the numbers written by hand: formatting them
            // was most of this function (10,000 item pages: 4 % of a build's CPU).
            let run = (x - start) as i64;
            path.push(b'M');
            push_int(&mut path, (start + QUIET) as i64);
            path.push(b' ');
            push_int(&mut path, (y + QUIET) as i64);
            path.push(b'h');
            push_int(&mut path, run);
            path.extend_from_slice(b"v1h-");
            push_int(&mut path, run);
            path.push(b'z');
        }
    }
    // Digits and letters only.
    let path = String::from_utf8(path).ok()?;
    Some(format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {side} {side}\" width=\"{w}\" height=\"{w}\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        crate::render::escape::html(label),
        w = side * 3,
    ))
}

/// The modules of the QR code for `data` (level M), row by row, dark as `true`, and
/// the number of modules a side.
fn symbol(data: &[u8]) -> Option<(Vec<bool>, usize)> {
    let ec_level = EcLevel::M;
    let bits = bits::encode_auto(data, ec_level).ok()?;
    let version = bits.version();
    let (data, ec) = ec::construct_codewords(&bits.into_bytes(), version, ec_level).ok()?;
    let mut canvas = Canvas::new(version, ec_level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    let width = version.width().max(0) as usize;
    if let Some(masked) = masked_functional(version, width) {
        return Some((best_in_bits(&canvas, masked, width), width));
    }
    let mut best: Option<(u32, Vec<bool>)> = None;
    for mask in MASKS {
        let mut c = canvas.clone();
        c.apply_mask(mask);
        let dark: Vec<bool> = c
            .into_colors()
            .into_iter()
            .map(|m| m == Color::Dark)
            .collect();
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, dark));
        }
    }
    best.map(|(_, dark)| (dark, width))
}

/// Rows of a symbol up to 64 modules wide, bit `x` of row `y` the module at `x, y`.
type Rows = [u64; 64];

/// The widest symbol scored in bits: version 11, 61 modules.
const BIT_VERSIONS: usize = 11;

/// For a version up to [`BIT_VERSIONS`], the symbol without data (level M) after each
/// of [`MASKS`]: the function patterns and the format information as that mask writes
/// them, and at every data module the mask itself (a module without data is light and
/// the mask flips it). Made once a version.
fn masked_functional(version: qrcode::Version, width: usize) -> Option<&'static [Rows; 8]> {
    static TABLES: [std::sync::OnceLock<Box<[Rows; 8]>>; BIT_VERSIONS] =
        [const { std::sync::OnceLock::new() }; BIT_VERSIONS];
    let qrcode::Version::Normal(v) = version else {
        return None;
    };
    let table = TABLES.get(usize::try_from(v).ok()?.checked_sub(1)?)?;
    Some(table.get_or_init(|| {
        let mut blank = Canvas::new(version, EcLevel::M);
        blank.draw_all_functional_patterns();
        let mut tables = Box::new([[0u64; 64]; 8]);
        for (rows, mask) in tables.iter_mut().zip(MASKS) {
            let mut c = blank.clone();
            c.apply_mask(mask);
            *rows = dark_rows(&c, width, |m| m.is_dark());
        }
        tables
    }))
}

/// The rows of `canvas` (`width` modules a side, at most 64) with bit set where `dark`
/// says of its module.
fn dark_rows(canvas: &Canvas, width: usize, dark: impl Fn(qrcode::canvas::Module) -> bool) -> Rows {
    let mut rows = [0u64; 64];
    for (y, row) in rows.iter_mut().enumerate().take(width) {
        for x in 0..width {
            if dark(canvas.get(x as i16, y as i16)) {
                *row |= 1 << x;
            }
        }
    }
    rows
}

/// The symbol of `canvas` (function patterns and data drawn, no mask) under the mask
/// that scores lowest, as the qrcode crate would choose it: masking flips the data
/// modules where the mask is set and writes the format information, so each masked
/// symbol is the data's dark modules XOR the masked symbol without data.
fn best_in_bits(canvas: &Canvas, masked: &[Rows; 8], width: usize) -> Vec<bool> {
    use qrcode::canvas::Module;
    let data = dark_rows(canvas, width, |m| m == Module::Unmasked(Color::Dark));
    let mut best: Option<(u32, Rows)> = None;
    for blank in masked {
        let mut rows = [0u64; 64];
        for ((r, b), d) in rows.iter_mut().zip(blank).zip(&data) {
            *r = b ^ d;
        }
        let score = rows_penalty(&rows[..width], width);
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, rows));
        }
    }
    let rows = best.map(|(_, r)| r).unwrap_or([0; 64]);
    rows[..width]
        .iter()
        .flat_map(|r| (0..width).map(move |x| r >> x & 1 == 1))
        .collect()
}

/// [`penalty`] for symbols up to 64 modules wide, each row and column a `u64` (bit
/// `i` is module `i`), every rule counted for a whole line at once.
#[cfg(test)]
fn bit_penalty(dark: &[bool], n: usize) -> u32 {
    if !(7..=64).contains(&n) || dark.len() != n * n {
        return u32::MAX;
    }
    let mut rows = [0u64; 64];
    for (y, row) in dark.chunks_exact(n).enumerate() {
        for (x, &d) in row.iter().enumerate() {
            rows[y] |= u64::from(d) << x;
        }
    }
    rows_penalty(&rows[..n], n)
}

/// [`penalty`] of the `n` rows `rows` (bit `x` of row `y` the module at `x, y`).
fn rows_penalty(rows: &[u64], n: usize) -> u32 {
    if !(7..=64).contains(&n) || rows.len() != n {
        return u32::MAX;
    }
    let mut columns = [0u64; 64];
    for (y, row) in rows.iter().enumerate() {
        for (x, column) in columns.iter_mut().enumerate().take(n) {
            *column |= (row >> x & 1) << y;
        }
    }
    let columns = &columns[..n];
    // Bits 0..k set.
    let low = |k: usize| if k >= 64 { u64::MAX } else { (1u64 << k) - 1 };
    let mut score = 0;
    for &line in rows.iter().chain(columns) {
        // Runs: a run of 5 + k modules scores 3 + k, i.e. one for each window of five
        // equal modules in it, plus two.
        let equal_next = !(line ^ (line >> 1)) & low(n - 1);
        let five =
            equal_next & (equal_next >> 1) & (equal_next >> 2) & (equal_next >> 3) & low(n - 4);
        score += five.count_ones() + 2 * (five & !(five << 1)).count_ones();
        // Finder-like 1011101 starting at bit s, without dark modules in the four
        // before it or in the four after it.
        let finder = line
            & !(line >> 1)
            & (line >> 2)
            & (line >> 3)
            & (line >> 4)
            & !(line >> 5)
            & (line >> 6)
            & low(n - 6);
        let dark_before = (line << 1) | (line << 2) | (line << 3) | (line << 4);
        let dark_after = (line >> 7) | (line >> 8) | (line >> 9) | (line >> 10);
        score += 40 * (finder & !(dark_before & dark_after)).count_ones();
    }
    // 2×2 blocks of one colour.
    for pair in rows.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let same_below = !(a ^ b);
        let block = !(a ^ (a >> 1)) & same_below & (same_below >> 1) & low(n - 1);
        score += 3 * block.count_ones();
    }
    let dark_count: usize = rows.iter().map(|r| r.count_ones() as usize).sum();
    let ratio = dark_count * 200 / (n * n);
    score + ratio.abs_diff(100) as u32
}

/// The penalty score of a masked symbol (ISO/IEC 18004 §7.8.3, as the qrcode crate
/// computes it): runs of five or more, 2×2 blocks, finder-like patterns, imbalance.
fn penalty(dark: &[bool], n: usize) -> u32 {
    if n < 7 || dark.len() != n * n {
        return u32::MAX;
    }
    let rows: Vec<u8> = dark.iter().map(|&d| u8::from(d)).collect();
    let mut columns = vec![0u8; n * n];
    for y in 0..n {
        for x in 0..n {
            columns[x * n + y] = rows[y * n + x];
        }
    }
    let mut score = 0;
    for lines in [&rows, &columns] {
        for line in lines.chunks_exact(n) {
            score += line_penalty(line);
        }
    }
    for (upper, lower) in rows.chunks_exact(n).zip(rows.chunks_exact(n).skip(1)) {
        for x in 0..n - 1 {
            let sum = upper[x] + upper[x + 1] + lower[x] + lower[x + 1];
            if sum == 0 || sum == 4 {
                score += 3;
            }
        }
    }
    let dark_count = rows.iter().map(|&d| usize::from(d)).sum::<usize>();
    let ratio = dark_count * 200 / rows.len();
    score + ratio.abs_diff(100) as u32
}

/// Penalties of one row or column (0 light, 1 dark): 3 + k for each run of 5 + k
/// modules of one colour, 40 for each dark-light-dark×3-light-dark pattern that does
/// not have a dark module within four modules on both sides.
fn line_penalty(line: &[u8]) -> u32 {
    const FINDER: u32 = 0b101_1101;
    let n = line.len();
    let mut score = 0;
    let mut run = 1u32;
    let mut window = 0u32;
    for (j, &m) in line.iter().enumerate() {
        if j > 0 {
            if m == line[j - 1] {
                run += 1;
            } else {
                if run >= 5 {
                    score += run - 2;
                }
                run = 1;
            }
        }
        window = ((window << 1) | u32::from(m)) & 0x7F;
        if j >= 6 && window == FINDER {
            let start = j - 6;
            let dark_before = line[start.saturating_sub(4)..start].contains(&1);
            let dark_after = line[j + 1..(j + 5).min(n)].contains(&1);
            if !dark_before || !dark_after {
                score += 40;
            }
        }
    }
    if run >= 5 {
        score += run - 2;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::QrCode;

    #[test]
    fn encodes_a_url_as_png() {
        let (bytes, side) = png("https://gk.example.gov.cn/services/330199-XK-0001/").unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(side >= (21 + 8) * 4);
        assert_eq!(png("https://x/").unwrap(), png("https://x/").unwrap());
    }

    #[test]
    fn chooses_the_same_mask_as_the_qrcode_crate() {
        for url in [
            "https://x/",
            "https://gk.example.gov.cn/services/330199-XK-0001/",
            "https://zwfw.qinghe.gov.cn/gongkai/services/330199-000123/",
            "http://10.1.2.3:8080/services/330199-QT-0042/",
            &format!("https://example.org/{}", "长".repeat(40)),
            // Wider than 64 modules: scored without bits.
            &format!("https://example.org/{}", "x".repeat(300)),
        ] {
            let want: Vec<bool> = QrCode::with_error_correction_level(url, EcLevel::M)
                .unwrap()
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect();
            let (got, _) = symbol(url.as_bytes()).unwrap();
            assert_eq!(got, want, "{url}");
        }
    }

    /// Every version the bits path takes (and the first beyond it), in numeric,
    /// alphanumeric, byte and Chinese text: the same symbol as the crate's own choice.
    #[test]
    fn the_bits_path_gives_the_crate_symbol_at_every_version() {
        let mut versions = std::collections::BTreeSet::new();
        for len in 1..=260 {
            for text in [
                "7".repeat(len),
                "HTTP://X/".repeat(len).chars().take(len).collect(),
                format!("https://gk.example.gov.cn/{}", "a".repeat(len)),
                "事".repeat(len / 3 + 1),
            ] {
                let Ok(code) = QrCode::with_error_correction_level(&text, EcLevel::M) else {
                    continue;
                };
                versions.insert(code.width());
                let want: Vec<bool> = code
                    .to_colors()
                    .into_iter()
                    .map(|c| c == Color::Dark)
                    .collect();
                let (got, _) = symbol(text.as_bytes()).unwrap();
                assert_eq!(got, want, "{text}");
            }
        }
        // Versions 1 to 12 at least: 21 to 65 modules.
        assert!(
            versions.contains(&21) && versions.contains(&65),
            "{versions:?}"
        );
    }

    #[test]
    fn draws_each_module_as_a_black_square() {
        let url = "https://gk.example.gov.cn/services/330199-XK-0001/";
        let (dark, modules) = symbol(url.as_bytes()).unwrap();
        let (bytes, side) = png(url).unwrap();
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (side, side));
        let pixel = |x: usize, y: usize| buf[y * info.line_size + x] < 128;
        for y in 0..side as usize {
            for x in 0..side as usize {
                let (mx, my) = (x / SCALE, y / SCALE);
                let inside = (QUIET..QUIET + modules).contains(&mx)
                    && (QUIET..QUIET + modules).contains(&my);
                let want = inside && dark[(my - QUIET) * modules + mx - QUIET];
                assert_eq!(pixel(x, y), want, "pixel {x},{y}");
            }
        }
    }

    /// The bit-parallel score equals the plain one on random symbols of every width it
    /// takes, and on the extremes (all light, all dark, stripes).
    #[test]
    fn bit_penalty_equals_the_plain_penalty() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for n in 7..=64 {
            for density in [0, 1, 2, 3, 4] {
                let grid: Vec<bool> = (0..n * n)
                    .map(|i| match density {
                        0 => false,
                        1 => true,
                        2 => (i / n + i % n) % 7 < 3,
                        _ => next() % 4 < density as u64 - 1,
                    })
                    .collect();
                assert_eq!(
                    bit_penalty(&grid, n),
                    penalty(&grid, n),
                    "n {n} density {density}"
                );
            }
        }
        // Finder patterns against both edges and in the middle.
        let n = 21;
        let mut grid = vec![false; n * n];
        for (i, &d) in [1, 0, 1, 1, 1, 0, 1].iter().enumerate() {
            grid[i] = d == 1;
            grid[n + n - 7 + i] = d == 1;
            grid[2 * n + 7 + i] = d == 1;
        }
        assert_eq!(bit_penalty(&grid, n), penalty(&grid, n));
    }

    #[test]
    fn the_svg_path_covers_exactly_the_dark_modules() {
        let url = "https://gk.example.gov.cn/services/330199-XK-0001/";
        let (dark, modules) = symbol(url.as_bytes()).unwrap();
        let svg = svg(url, "二维码").unwrap();
        let side = modules + 2 * QUIET;
        assert!(
            svg.contains(&format!("viewBox=\"0 0 {side} {side}\"")),
            "{svg}"
        );
        let path = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let mut drawn = vec![false; modules * modules];
        for run in path.split('M').skip(1) {
            // `x yhNv1h-Nz`
            let (x, rest) = run.split_once(' ').unwrap();
            let (y, rest) = rest.split_once('h').unwrap();
            let (n, rest) = rest.split_once('v').unwrap();
            let (x, y, n): (usize, usize, usize) =
                (x.parse().unwrap(), y.parse().unwrap(), n.parse().unwrap());
            assert_eq!(rest, format!("1h-{n}z"));
            for dx in 0..n {
                let i = (y - QUIET) * modules + x - QUIET + dx;
                assert!(!drawn[i], "module drawn twice");
                drawn[i] = true;
            }
        }
        assert_eq!(drawn, dark);
    }

    #[test]
    fn refuses_text_too_long_for_a_qr_code() {
        assert!(png(&"x".repeat(10_000)).is_none());
    }
}
