#pragma once
// The stated figure as data.

#include "records/resource_schema.h"

namespace alley::stated {

records::ResourceSchema stated_figure_resource();

}  // namespace alley::stated
