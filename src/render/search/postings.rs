//! Posting lists: which documents hold a bigram, in which field and at which position.
//!
//! A list is a flat JSON array of integers. Each entry is `doc_delta, fp` where `doc_delta`
//! is the document id minus the previous entry's (the first from 0) and `fp` is
//! `position × 8 + field`. An entry may be followed by a negative number `−r`: r more entries
//! follow for the next r documents with the same `fp` (runs are common in codes that share a
//! prefix).

/// Field of a posting: the title (name).
pub const FIELD_TITLE: u32 = 0;
/// Field of a posting: the code or 文号.
pub const FIELD_CODE: u32 = 1;
/// Field of a posting: pinyin initials of the title.
pub const FIELD_PINYIN: u32 = 2;
/// Field of a posting: other text (materials, tasks, address).
pub const FIELD_OTHER: u32 = 3;
/// Field of a posting: what a person gets or asks (办理结果, FAQ questions).
pub const FIELD_RESULT: u32 = 4;
/// Field of a posting: long text weighted low (FAQ answers, steps of the process).
pub const FIELD_LOW: u32 = 5;
/// Field of a posting: the item's 俗称 (other names people know it by), ranked just after
/// the title.
pub const FIELD_ALIAS: u32 = 6;
/// Bits of `fp` that hold the field.
pub const FIELD_BITS: u32 = 3;

/// One occurrence of a bigram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Posting {
    /// Document id.
    pub doc: u32,
    /// `position × 8 + field`.
    pub fp: u32,
}

impl Posting {
    /// The field (one of the `FIELD_*` constants).
    pub fn field(self) -> u32 {
        self.fp & ((1 << FIELD_BITS) - 1)
    }

    /// Character position of the bigram within the field.
    pub fn pos(self) -> u32 {
        self.fp >> FIELD_BITS
    }
}

/// Encodes a sorted, deduplicated list.
pub fn encode(list: &[Posting]) -> Vec<i64> {
    let mut out = Vec::with_capacity(list.len() * 2);
    let mut prev = 0u32;
    let mut i = 0;
    while i < list.len() {
        let p = list[i];
        out.push(i64::from(p.doc - prev));
        out.push(i64::from(p.fp));
        let mut run = 0;
        while i + run + 1 < list.len()
            && list[i + run + 1].fp == p.fp
            && list[i + run + 1].doc == p.doc + run as u32 + 1
        {
            run += 1;
        }
        if run > 0 {
            out.push(-(run as i64));
        }
        prev = p.doc + run as u32;
        i += run + 1;
    }
    out
}

/// Decodes a list; malformed input yields the entries read so far.
pub fn decode(data: &[i64]) -> Vec<Posting> {
    let mut out = Vec::new();
    let mut doc = 0i64;
    let mut i = 0;
    while i + 1 < data.len() {
        let (d, fp) = (data[i], data[i + 1]);
        if d < 0 || fp < 0 {
            break;
        }
        doc += d;
        let (Ok(docu), Ok(fpu)) = (u32::try_from(doc), u32::try_from(fp)) else {
            break;
        };
        out.push(Posting { doc: docu, fp: fpu });
        i += 2;
        if let Some(&r) = data.get(i).filter(|r| **r < 0) {
            for k in 1..=r.unsigned_abs().min(1 << 24) {
                out.push(Posting {
                    doc: docu + k as u32,
                    fp: fpu,
                });
            }
            doc += -r;
            i += 1;
        }
    }
    out
}

/// Encodes sorted document ids as deltas.
pub fn encode_ids(ids: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    ids.iter()
        .map(|&id| {
            let d = id - prev;
            prev = id;
            d
        })
        .collect()
}

/// Decodes delta-encoded document ids.
pub fn decode_ids(deltas: &[u32]) -> Vec<u32> {
    let mut acc = 0u32;
    deltas
        .iter()
        .map(|d| {
            acc = acc.saturating_add(*d);
            acc
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(doc: u32, pos: u32, field: u32) -> Posting {
        Posting {
            doc,
            fp: (pos << FIELD_BITS) + field,
        }
    }

    #[test]
    fn round_trips_with_runs() {
        let list = vec![
            p(0, 0, 1),
            p(1, 0, 1),
            p(2, 0, 1),
            p(2, 3, 0),
            p(5, 1, 3),
            p(6, 0, 1),
        ];
        let enc = encode(&list);
        assert_eq!(enc, vec![0, 1, -2, 0, 24, 3, 11, 1, 1]);
        assert_eq!(decode(&enc), list);
    }

    #[test]
    fn a_long_run_is_three_numbers() {
        let list: Vec<Posting> = (0..10_000).map(|d| p(d, 0, 1)).collect();
        assert_eq!(encode(&list), vec![0, 1, -9999]);
        assert_eq!(decode(&encode(&list)), list);
    }

    #[test]
    fn decode_survives_garbage() {
        assert!(decode(&[-1, 2, 3]).is_empty());
        assert_eq!(decode(&[1, 1, 5]).len(), 1);
    }

    #[test]
    fn ids_round_trip() {
        let ids = vec![3, 4, 10, 200];
        assert_eq!(decode_ids(&encode_ids(&ids)), ids);
    }
}
