#include "app/background_worker.h"

#include <cstdio>

#include "app/app.h"
#include "core/loggable.h"

namespace alley::app {

BackgroundWorker::BackgroundWorker(App& app, std::chrono::milliseconds interval)
    : app_(app), interval_(interval), thread_([this] { run(); }) {}

BackgroundWorker::~BackgroundWorker() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void BackgroundWorker::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    for (const App::BackgroundWork& work : app_.background_work()) {
      if (Status done = work.run(app_); !done) {
        std::fprintf(stderr, "alley: %s: %s (tried again in %lld ms)\n", work.name.c_str(),
                     loggable(done.error().message).c_str(), static_cast<long long>(interval_.count()));
      }
    }
    lock.lock();
    wake_.wait_for(lock, interval_, [this] { return stopping_; });
  }
}

}  // namespace alley::app
