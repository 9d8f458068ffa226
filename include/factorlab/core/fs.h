// factorlab/core/fs.h — file writes that never leave a half file, and small file helpers.
// Every output goes to "<path>.tmp.<pid>" first, is flushed and fsync'ed, then renamed over the
// target (rename is atomic on POSIX), so an interrupted run leaves either the old file or the new one
// (plus, after a SIGKILL, possibly a stale "<path>.tmp.<pid>" that remove_stale_temp_files clears).
// Also the start-of-work checks: the output folder is writable, the disk has room.
// Deliberately not here: directory fsync after rename (a power cut, unlike a kill, may lose the
// newest file; the previous one stays intact either way).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace factorlab {

// Writes bytes to path atomically; creates parent folders. Throws std::runtime_error on I/O failure.
void write_file_atomic(const std::string& path, const void* data, std::size_t size);
void write_file_atomic(const std::string& path, const std::string& text);

// Reads a whole file; throws InputError naming the path if it cannot be opened or read, or is a folder.
std::string read_file(const std::string& path);

bool file_exists(const std::string& path);
void make_dirs(const std::string& path);

// Fails with InputError at start if the folder cannot be created or a file cannot be created in it
// (tried for real, so a read-only mount or a path under a regular file fails here, also for root).
void ensure_writable_dir(const std::string& path);

// Bytes available to this user on the file system holding `path` (statvfs f_bavail * f_frsize).
// InputError naming the path if it cannot be queried.
std::uint64_t free_bytes(const std::string& path);

// InputError "<what>: only X MB free in 'path', need ~Y MB <for>" when free_bytes(path) < bytes.
void require_free_space(const std::string& path, std::uint64_t bytes, const std::string& what);

// True for names "<anything>.tmp.<digits>", the temporaries of write_file_atomic.
bool is_temp_file_name(const std::string& name);

// Deletes the temporaries write_file_atomic left in `dir` (not recursive) when the process that made
// them is gone (a killed run); returns how many were removed. A missing folder removes nothing.
int remove_stale_temp_files(const std::string& dir);

}  // namespace factorlab
