#pragma once
// Whether an SQLite database file is being served. A server holds a shared
// lock on the file (flock, which SQLite's own byte-range locks never touch)
// for as long as it runs; a restore takes it exclusively, so that neither
// replaces a file under a running server nor starts one mid-restore. The
// kernel drops the lock with the process, however it ends.
//
// REQUIRES: a mark lives as long as the process has the file open through
// SQLite: closing another descriptor of a file drops that process's
// byte-range locks on it.

#include <string>

#include "core/error.h"

namespace alley::store {

class FileMark {
 public:
  // Shared for a server, exclusive for a restore, on a file that exists.
  // Unavailable when the other kind is held ("… is being served" /
  // "… is being restored") or the file cannot be opened.
  static Result<FileMark> hold_shared(const std::string& path);
  static Result<FileMark> hold_exclusive(const std::string& path);

  FileMark(FileMark&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileMark& operator=(FileMark&&) = delete;
  FileMark(const FileMark&) = delete;
  ~FileMark();

 private:
  explicit FileMark(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace alley::store
