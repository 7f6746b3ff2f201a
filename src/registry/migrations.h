#pragma once
// The registry's tables. Migration 1 also made the audit log and the pack
// record every module shares (records/repository.h, records/pack_loader.h):
// it came before the modules were split, and applied migrations never change.

#include "store/migrations.h"

namespace alley::registry {

store::Migration registry_tables_migration();  // version 1
store::Migration responsibility_migration();   // version 4: responsible departments
store::Migration step_details_migration();     // version 14: next step, owner, reminder of a pipeline step
store::Migration leader_liaison_migration();   // version 22: organizations a district leader visits

}  // namespace alley::registry
