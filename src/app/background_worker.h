#pragma once
// Runs the application's background work (App::add_background_work) on one
// thread of its own, every `interval`, until it is destroyed — for as long as
// the server serves. One thread keeps the work from running twice at once in
// a process; across servers sharing a database, each item guards itself by
// the write lock.

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace alley::app {

class App;

class BackgroundWorker {
 public:
  BackgroundWorker(App& app, std::chrono::milliseconds interval);
  ~BackgroundWorker();
  BackgroundWorker(const BackgroundWorker&) = delete;
  BackgroundWorker& operator=(const BackgroundWorker&) = delete;

 private:
  void run();

  App& app_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace alley::app
