#pragma once
// The tables every module's records share besides their own: the full-text
// index (records/search_documents.h). The application registers it.

#include "store/migrations.h"

namespace alley::records {

store::Migration search_migration();

}  // namespace alley::records
