// factorlab/core/fs.h — file writes that never leave a half file, and small file helpers.
// Every output goes to "<path>.tmp.<pid>" first, is flushed and fsync'ed, then renamed over the
// target (rename is atomic on POSIX), so an interrupted run leaves either the old file or the new one.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace factorlab {

// Writes bytes to path atomically; creates parent folders. Throws std::runtime_error on I/O failure.
void write_file_atomic(const std::string& path, const void* data, std::size_t size);
void write_file_atomic(const std::string& path, const std::string& text);

// Reads a whole file; throws InputError naming the path if it cannot be opened.
std::string read_file(const std::string& path);

bool file_exists(const std::string& path);
void make_dirs(const std::string& path);

// Fails with InputError at start if the folder cannot be created or written to.
void ensure_writable_dir(const std::string& path);

}  // namespace factorlab
