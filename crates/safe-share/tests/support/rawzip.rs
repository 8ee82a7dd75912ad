//! A minimal zip writer that writes whatever it is told: any name bytes, duplicate names, wrong
//! declared sizes and CRCs, any flags, compression methods and file modes. Content is stored
//! (not compressed), so every byte of a member is where a mutation can reach it.

/// One member as it will be written.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: Vec<u8>,
    pub data: Vec<u8>,
    /// General purpose flags (bit 0 encrypted, bit 11 UTF-8 name).
    pub flags: u16,
    /// Compression method as written (0 stored, 8 deflate, anything else).
    pub method: u16,
    /// The uncompressed size as declared, when it should lie.
    pub declared: Option<u32>,
    /// The CRC as declared, when it should lie.
    pub crc: Option<u32>,
    /// The Unix mode in the external attributes (0o100644 a file, 0o120777 a link, 0o40755 a folder).
    pub mode: u32,
}

impl Entry {
    pub fn new(name: &[u8], data: Vec<u8>) -> Entry {
        Entry {
            name: name.to_vec(),
            data,
            flags: 0x0800,
            method: 0,
            declared: None,
            crc: None,
            mode: 0o100644,
        }
    }
}

/// The standard CRC-32 (IEEE, reflected), as zip uses.
pub fn crc32(data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, v) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *v = c;
        }
        t
    });
    let mut c = !0u32;
    for b in data {
        c = table[((c ^ u32::from(*b)) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// Writes the entries as a zip archive (local headers, central directory, end record).
pub fn write(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let crc = e.crc.unwrap_or_else(|| crc32(&e.data));
        let size = e.declared.unwrap_or(e.data.len() as u32);
        let packed = e.data.len() as u32;
        let name_len = e.name.len().min(u16::MAX as usize);
        let name = &e.name[..name_len];
        let common = |b: &mut Vec<u8>| {
            b.extend_from_slice(&20u16.to_le_bytes()); // version needed
            b.extend_from_slice(&e.flags.to_le_bytes());
            b.extend_from_slice(&e.method.to_le_bytes());
            b.extend_from_slice(&0u16.to_le_bytes()); // time
            b.extend_from_slice(&0x5a21u16.to_le_bytes()); // date (2025-01-01)
            b.extend_from_slice(&crc.to_le_bytes());
            b.extend_from_slice(&packed.to_le_bytes());
            b.extend_from_slice(&size.to_le_bytes());
            b.extend_from_slice(&(name_len as u16).to_le_bytes());
            b.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name);
        out.extend_from_slice(&e.data);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&0x031eu16.to_le_bytes()); // made by: Unix, 3.0
        common(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&(e.mode << 16).to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let cd_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    let n = entries.len().min(u16::MAX as usize) as u16;
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[test]
fn crc_of_a_known_string() {
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
}
