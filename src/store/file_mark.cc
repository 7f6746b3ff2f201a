#include "store/file_mark.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace alley::store {
namespace {

Result<int> lock(const std::string& path, int how, const char* held_by_other) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error::unavailable("cannot open " + path + ": " + std::strerror(errno));
  if (::flock(fd, how | LOCK_NB) != 0) {
    const int cause = errno;
    ::close(fd);
    if (cause == EWOULDBLOCK) return Error::unavailable(path + held_by_other);
    return Error::unavailable("cannot lock " + path + ": " + std::strerror(cause));
  }
  return fd;
}

}  // namespace

Result<FileMark> FileMark::hold_shared(const std::string& path) {
  Result<int> fd = lock(path, LOCK_SH, " is being restored; start the server when the restore has finished");
  if (!fd) return fd.error();
  return FileMark(fd.value());
}

Result<FileMark> FileMark::hold_exclusive(const std::string& path) {
  Result<int> fd = lock(path, LOCK_EX, " is being served; stop the servers using it first");
  if (!fd) return fd.error();
  return FileMark(fd.value());
}

FileMark::~FileMark() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace alley::store
