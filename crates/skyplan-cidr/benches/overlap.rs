//! `cargo bench -p skyplan-cidr`: the overlap sweep on 1,000,000 random
//! subnets (target: under a second), and at 100,000 to show it is linear.
#![allow(clippy::print_stdout)]

use std::hint::black_box;
use std::net::Ipv4Addr;
use std::time::Instant;

use skyplan_cidr::{IpNet, Ipv4Net, overlapping_pairs};

/// Random /20-/28 blocks inside 10.0.0.0/8, from a fixed seed.
fn random_blocks(n: usize) -> Vec<IpNet> {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let prefix = 20 + (seed % 9) as u8;
            let addr = Ipv4Addr::from(0x0a00_0000 | ((seed >> 16) as u32 & 0x00ff_ffff));
            IpNet::V4(Ipv4Net::new(addr, prefix).expect("prefix <= 32").trunc())
        })
        .collect()
}

fn main() {
    println!("{:>10} {:>12} {:>12}", "subnets", "seconds", "overlaps");
    for n in [100_000, 1_000_000] {
        let blocks = random_blocks(n);
        let best = (0..5)
            .map(|_| {
                let start = Instant::now();
                let pairs = black_box(overlapping_pairs(black_box(&blocks)));
                (start.elapsed().as_secs_f64(), pairs.len())
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .expect("five runs");
        println!("{n:>10} {:>12.3} {:>12}", best.0, best.1);
    }
}
