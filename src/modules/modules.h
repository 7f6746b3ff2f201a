#pragma once
// Every module of Alley, registered into one application in dependency
// order. Adding a module is a folder with its register_module and one line
// in modules.cc.

namespace alley::app {
class App;
}

namespace alley::modules {

void register_all(app::App& app);

}  // namespace alley::modules
