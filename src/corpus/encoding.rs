//! Files that are not UTF-8: which encoding they are in (guessed by `chardetng`), their text
//! decoded (by `encoding_rs`), and the way back from an offset in the decoded text to the byte
//! offset in the file, so that what is cited points into the file as it is on disk.

use encoding_rs::Encoding;

/// How a file's bytes became text.
pub enum Decoded {
    /// Valid UTF-8: offsets in the text are offsets in the file.
    Utf8(String),
    /// UTF-8 with some broken sequences, replaced by U+FFFD: mostly UTF-8, so not re-guessed.
    DamagedUtf8(String),
    /// Another encoding, decoded; the map leads back to the file's bytes.
    Other(String, FileOffsets),
}

/// Decodes file bytes: UTF-8 when they are, else the encoding they most likely are in.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Decoded::Utf8(text),
        Err(e) => e.into_bytes(),
    };
    if mostly_utf8(&bytes) {
        return Decoded::DamagedUtf8(String::from_utf8_lossy(&bytes).into_owned());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 8);
    let mut lines = Vec::new();
    let mut at = 0;
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        lines.push((text.len(), at));
        // Every encoding chardetng can guess is ASCII-compatible: a line feed byte is a line
        // feed, so lines decode one by one and the map needs one entry per line.
        text.push_str(&encoding.decode_without_bom_handling(line).0);
        at += line.len();
    }
    Decoded::Other(text, FileOffsets { encoding, lines })
}

/// Whether broken UTF-8 still holds more valid non-ASCII characters than broken sequences
/// (a file cut short or with a stray byte, not a file in another encoding).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    valid > broken
}

/// From offsets in the decoded text back to byte offsets in the file.
#[derive(Debug, Clone)]
pub struct FileOffsets {
    encoding: &'static Encoding,
    /// For each line: where it starts in the decoded text and in the file.
    lines: Vec<(usize, usize)>,
}

impl FileOffsets {
    /// The encoding's name, as the WHATWG Encoding Standard spells it (`windows-1252`).
    pub fn encoding(&self) -> &'static str {
        self.encoding.name()
    }

    /// The byte offset in the file of the character at `at` in the decoded `text`.
    pub fn file_offset(&self, text: &str, at: usize) -> usize {
        let line = self
            .lines
            .partition_point(|(decoded, _)| *decoded <= at)
            .saturating_sub(1);
        let Some(&(decoded, file)) = self.lines.get(line) else {
            return at;
        };
        let within = text.get(decoded..at).unwrap_or("");
        let width = if self.encoding.is_single_byte() {
            within.chars().count()
        } else {
            self.encoding.encode(within).0.len()
        };
        file + width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows_1252(text: &str) -> Vec<u8> {
        encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
    }

    #[test]
    fn latin_text_is_decoded_and_offsets_lead_back_to_the_file() {
        let text = "Le ministre a déclaré jeudi à l'AFP.\nÀ Kaboul, « la sécurité » prime.\n";
        let bytes = windows_1252(text);
        let Decoded::Other(decoded, offsets) = decode(bytes.clone()) else {
            panic!("windows-1252 bytes taken for UTF-8");
        };
        assert_eq!(decoded, text);
        assert_eq!(offsets.encoding(), "windows-1252");
        for word in ["déclaré", "Kaboul", "sécurité", "prime"] {
            let at = decoded.find(word).unwrap();
            let (start, end) = (
                offsets.file_offset(&decoded, at),
                offsets.file_offset(&decoded, at + word.len()),
            );
            assert_eq!(bytes[start..end], windows_1252(word)[..], "{word}");
        }
    }

    #[test]
    fn utf8_with_one_broken_byte_stays_utf8() {
        let mut bytes = "Il a déclaré que la sécurité primait. Fin".as_bytes().to_vec();
        bytes.push(0xE9);
        let Decoded::DamagedUtf8(text) = decode(bytes) else {
            panic!("damaged UTF-8 re-guessed as another encoding");
        };
        assert!(text.starts_with("Il a déclaré que la sécurité"));
        assert!(text.ends_with('\u{fffd}'));
    }

    #[test]
    fn valid_utf8_is_kept_as_it_is() {
        assert!(matches!(decode("déjà".as_bytes().to_vec()), Decoded::Utf8(t) if t == "déjà"));
    }
}
