//! The seed corpus, embedded in the binary so `recoupe` works from any folder.

pub const SEEDS: &[(&str, &str)] = &[
    (
        "000_17e018d6b4590ed6.txt",
        include_str!("../../seeds/000_17e018d6b4590ed6.txt"),
    ),
    (
        "001_f80f425ae6c9e5c4.txt",
        include_str!("../../seeds/001_f80f425ae6c9e5c4.txt"),
    ),
    (
        "002_2329b692eac1120f.txt",
        include_str!("../../seeds/002_2329b692eac1120f.txt"),
    ),
    (
        "003_d2b6440c4b0e4d6a.txt",
        include_str!("../../seeds/003_d2b6440c4b0e4d6a.txt"),
    ),
    (
        "004_f5941513d863ee99.txt",
        include_str!("../../seeds/004_f5941513d863ee99.txt"),
    ),
];
