//! AWS partitions: separate clouds, each with its own ARN prefix and DNS
//! domain. A region belongs to exactly one (checked 2026-12-01 against
//! AWS's "ARN format" and "Service endpoints" pages).

/// The partition of a region: the second field of every ARN in it.
pub fn of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else if region.starts_with("us-isob-") {
        "aws-iso-b"
    } else if region.starts_with("us-iso-") {
        "aws-iso"
    } else if region.starts_with("eusc-") {
        "aws-eusc"
    } else {
        "aws"
    }
}

/// The DNS domain of the partition's service endpoints (load balancer
/// names end in `elb.` followed by it).
pub fn dns_suffix(region: &str) -> &'static str {
    match of(region) {
        "aws-cn" => "amazonaws.com.cn",
        "aws-iso" => "c2s.ic.gov",
        "aws-iso-b" => "sc2s.sgov.gov",
        "aws-eusc" => "amazonaws.eu",
        _ => "amazonaws.com",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_belong_to_their_partitions() {
        assert_eq!(of("eu-west-1"), "aws");
        assert_eq!(of("cn-north-1"), "aws-cn");
        assert_eq!(of("us-gov-west-1"), "aws-us-gov");
        assert_eq!(of("us-isob-east-1"), "aws-iso-b");
        assert_eq!(dns_suffix("cn-northwest-1"), "amazonaws.com.cn");
        assert_eq!(dns_suffix("us-gov-east-1"), "amazonaws.com");
    }
}
