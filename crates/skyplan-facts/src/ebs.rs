//! EBS volume limits, per volume type: one table, dated, so a rule never
//! carries a number of its own and a change at AWS is one edit here.
//!
//! Source: AWS's "Amazon EBS volume types" and "Amazon EBS General Purpose
//! SSD volumes" documentation (gp3 raised to 64 TiB, 80,000 IOPS and
//! 2,000 MiB/s in September 2025; io2 Block Express to 64 TiB).

/// When the numbers below were last checked against AWS's documentation.
pub const CHECKED: &str = "2026-11-25";

/// Provisioned IOPS: the range, and how many IOPS each GiB allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IopsLimits {
    pub min: u64,
    pub max: u64,
    pub per_gib: u64,
    /// IOPS every volume of the type may have whatever its size (gp3's
    /// 3,000 baseline).
    pub baseline: u64,
}

/// Provisioned throughput in MiB/s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThroughputLimits {
    pub min: u64,
    pub max: u64,
    /// At most this many MiB/s per 1,000 provisioned IOPS (gp3: 250, that
    /// is 0.25 MiB/s per IOPS).
    pub mib_per_1000_iops: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VolumeLimits {
    pub min_gib: u64,
    pub max_gib: u64,
    /// `None`: the type takes no `iops`.
    pub iops: Option<IopsLimits>,
    /// Whether `iops` must be given (io1, io2).
    pub iops_required: bool,
    /// `None`: the type takes no `throughput`.
    pub throughput: Option<ThroughputLimits>,
}

const fn size(min_gib: u64, max_gib: u64) -> VolumeLimits {
    VolumeLimits {
        min_gib,
        max_gib,
        iops: None,
        iops_required: false,
        throughput: None,
    }
}

/// The EBS volume types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VolumeType {
    Gp2,
    Gp3,
    Io1,
    Io2,
    St1,
    Sc1,
    Standard,
}

impl VolumeType {
    pub const ALL: [VolumeType; 7] = [
        VolumeType::Gp2,
        VolumeType::Gp3,
        VolumeType::Io1,
        VolumeType::Io2,
        VolumeType::St1,
        VolumeType::Sc1,
        VolumeType::Standard,
    ];

    /// The names, as specs and AWS spell them, in [`VolumeType::ALL`] order.
    pub const WORDS: &'static [&'static str] =
        &["gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"];

    pub const fn as_str(self) -> &'static str {
        match self {
            VolumeType::Gp2 => "gp2",
            VolumeType::Gp3 => "gp3",
            VolumeType::Io1 => "io1",
            VolumeType::Io2 => "io2",
            VolumeType::St1 => "st1",
            VolumeType::Sc1 => "sc1",
            VolumeType::Standard => "standard",
        }
    }

    pub fn from_word(word: &str) -> Option<VolumeType> {
        VolumeType::ALL.into_iter().find(|t| t.as_str() == word)
    }
}

/// The limits of a volume type.
pub const fn volume_limits(volume_type: VolumeType) -> VolumeLimits {
    match volume_type {
        VolumeType::Gp2 => size(1, 16_384),
        VolumeType::Gp3 => VolumeLimits {
            iops: Some(IopsLimits {
                min: 3_000,
                max: 80_000,
                per_gib: 500,
                baseline: 3_000,
            }),
            throughput: Some(ThroughputLimits {
                min: 125,
                max: 2_000,
                mib_per_1000_iops: 250,
            }),
            ..size(1, 65_536)
        },
        VolumeType::Io1 => VolumeLimits {
            iops: Some(IopsLimits {
                min: 100,
                max: 64_000,
                per_gib: 50,
                baseline: 0,
            }),
            iops_required: true,
            ..size(4, 16_384)
        },
        VolumeType::Io2 => VolumeLimits {
            iops: Some(IopsLimits {
                min: 100,
                max: 256_000,
                per_gib: 1_000,
                baseline: 0,
            }),
            iops_required: true,
            ..size(4, 65_536)
        },
        VolumeType::St1 | VolumeType::Sc1 => size(125, 16_384),
        VolumeType::Standard => size(1, 1_024),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn current_gp3_and_io2_limits() {
        let gp3 = volume_limits(VolumeType::Gp3);
        assert_eq!((gp3.min_gib, gp3.max_gib), (1, 65_536));
        assert_eq!(gp3.iops.unwrap().max, 80_000);
        assert_eq!(gp3.throughput.unwrap().max, 2_000);
        assert_eq!(volume_limits(VolumeType::Io2).max_gib, 65_536);
        for t in VolumeType::ALL {
            assert_eq!(VolumeType::from_word(t.as_str()), Some(t));
        }
        assert_eq!(VolumeType::from_word("gp9"), None);
    }
}
