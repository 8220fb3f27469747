//! The allocator of the `skyplan` binary (and of `skyplan-bench`, which
//! includes this file so its stages measure the same thing).
//!
//! skyplan allocates many small strings and maps (one per YAML scalar, per
//! attribute); with glibc's allocator that was a third of the run time on
//! large stacks (see docs/performance.md), and mimalloc cuts it by 30-40%.
//! mimalloc gives freed memory back to the kernel 10 ms after it is freed;
//! a run that builds a model, then desired attributes, then a plan frees
//! and reallocates hundreds of MiB between stages, and the kernel then
//! clears every page again (`clear_page_erms` was over half of a 100,000
//! resource plan). A command is short-lived: it keeps what it freed.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc v3's `mi_option_t` (mimalloc.h),
/// which the Rust bindings do not name.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps freed memory in the process instead of returning it to the kernel.
#[allow(unsafe_code)]
pub fn keep_freed_memory() {
    // SAFETY: setting a mimalloc option is a plain store, allowed at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}
