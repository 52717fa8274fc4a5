//! QR codes pointing to an item's page, as PNG.

use qrcode::{EcLevel, QrCode};

/// Pixels per QR module.
const SCALE: usize = 4;
/// Quiet zone around the code, in modules (the standard asks for 4).
const QUIET: usize = 4;

/// A PNG of the QR code for `url` and its width in pixels (it is square), or `None`
/// when the text cannot be encoded (too long).
pub fn png(url: &str) -> Option<(Vec<u8>, u32)> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let modules = code.width();
    let dark: Vec<bool> = code
        .to_colors()
        .into_iter()
        .map(|c| c == qrcode::Color::Dark)
        .collect();
    let side = (modules + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for y in 0..modules {
        for x in 0..modules {
            if dark[y * modules + x] {
                for dy in 0..SCALE {
                    let row = (y + QUIET) * SCALE + dy;
                    let start = row * side + (x + QUIET) * SCALE;
                    pixels[start..start + SCALE].fill(0);
                }
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, side as u32, side as u32);
        enc.set_color(png::ColorType::Grayscale);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().ok()?;
        writer.write_image_data(&pixels).ok()?;
        writer.finish().ok()?;
    }
    Some((out, side as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_a_url_as_png() {
        let (bytes, side) = png("https://gk.example.gov.cn/services/330199-XK-0001/").unwrap();
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert!(side >= (21 + 8) * 4);
        assert_eq!(png("https://x/").unwrap(), png("https://x/").unwrap());
    }

    #[test]
    fn refuses_text_too_long_for_a_qr_code() {
        assert!(png(&"x".repeat(10_000)).is_none());
    }
}
