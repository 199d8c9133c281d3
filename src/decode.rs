//! Bytes to text: BOMs, UTF-8, else a detected legacy encoding.
//!
//! French archives are full of Windows-1252 and ISO-8859-15 files (é, à, œ,
//! and ’ as 0x92). UTF-8 is tried first because a valid UTF-8 file of any
//! length is almost never legacy text; otherwise chardetng guesses, with the
//! `.fr` top-level domain as its hint.

use thiserror::Error;

/// Why a file could not be read as text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("empty file")]
    Empty,
    #[error("no text (only whitespace)")]
    Blank,
    #[error("binary file ({0})")]
    Binary(&'static str),
}

/// The text of a file and the encoding it was read with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes `bytes` to text, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    let (text, encoding) = if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        (text.into_owned(), enc.name())
    } else {
        if looks_binary(bytes) {
            return Err(DecodeError::Binary("control bytes"));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_owned(), "UTF-8"),
            Err(_) => {
                let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                det.feed(bytes, true);
                let enc = det.guess(Some(b"fr"), chardetng::Utf8Detection::Deny);
                let (text, _, _) = enc.decode(bytes);
                (text.into_owned(), enc.name())
            }
        }
    };
    if text.contains('\0') {
        return Err(DecodeError::Binary("NUL bytes"));
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Blank);
    }
    Ok(Decoded { text, encoding })
}

/// Magic numbers of the binary formats most often found among scraped files.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"\x89PNG", "PNG image"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x1f\x8b", "gzip"),
        (b"PK\x03\x04", "zip archive"),
        (b"\x28\xb5\x2f\xfd", "zstd"),
        (b"BZh", "bzip2"),
        (b"\x7fELF", "executable"),
        (b"RIFF", "RIFF media"),
        (b"OggS", "Ogg media"),
        (b"ID3", "MP3 audio"),
    ];
    SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// A text file has next to no control bytes other than tab, CR, LF and FF;
/// UTF-16 without a BOM is the exception we cannot read anyway.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    control * 100 > sample.len() || sample.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("l’armée".as_bytes()).unwrap().text, "l’armée");
        let mut b = vec![0xef, 0xbb, 0xbf];
        b.extend_from_slice("été".as_bytes());
        assert_eq!(decode(&b).unwrap().text, "été");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xff, 0xfe];
        for u in "Noël à Paris".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap().text, "Noël à Paris");
    }

    #[test]
    fn windows_1252_is_detected() {
        // "L’armée a reçu l’œuvre à Noël." in Windows-1252: ’ is 0x92, œ 0x9c.
        let (b, _, _) = encoding_rs::WINDOWS_1252
            .encode("L’armée a reçu l’œuvre à Noël. Les élèves étaient déjà là, près de la forêt.");
        let d = decode(&b).unwrap();
        assert_eq!(
            d.text,
            "L’armée a reçu l’œuvre à Noël. Les élèves étaient déjà là, près de la forêt."
        );
    }

    #[test]
    fn binary_and_empty_are_refused_with_a_reason() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\t "), Err(DecodeError::Blank));
        assert_eq!(decode(b"%PDF-1.4 ..."), Err(DecodeError::Binary("PDF")));
        assert_eq!(decode(b"\x1f\x8b\x08\0"), Err(DecodeError::Binary("gzip")));
        assert!(matches!(decode(b"abc\0def"), Err(DecodeError::Binary(_))));
    }
}
