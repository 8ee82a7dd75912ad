//! Gives the system back the memory a finished report leaves free.
//!
//! Laying out a PDF allocates tens of megabytes on worker threads. glibc keeps what a thread
//! freed in that thread's arena and returns pages only from the top of a heap, so without a trim
//! each report left its peak resident and a working day of exports and saves kept growing (see
//! BENCHMARKS.md, "A working day"). Elsewhere (macOS, Windows, musl) the allocators return large
//! blocks themselves and this does nothing.

/// Asks the allocator to return its free pages to the system (glibc's `malloc_trim(0)`).
/// Call it once an action that allocated a lot has finished, never in a loop.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_freed() {
    // SAFETY: `malloc_trim` takes no pointers and has no precondition; glibc locks each arena
    // while it trims it, so other threads may allocate meanwhile.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Does nothing: this platform's allocator returns large blocks itself.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_freed() {}
