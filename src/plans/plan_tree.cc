#include "plans/plan_tree.h"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "plans/resources.h"
#include "records/repository.h"

namespace alley::plans {

Result<Json> plan_tree(store::Connection& connection, const std::string& plan_id, const std::string& today) {
  Result<Json> plan = records::get_record(connection, plan_resource("plans"), plan_id);
  if (!plan) return plan.error();
  records::ListQuery query;
  query.filters = {{"plan_id", plan_id}};
  query.sort = "sort_order";
  query.limit = records::kMaxPageSize;
  std::vector<Json> tasks;
  while (true) {
    Result<records::Page> page = records::list_records(connection, plan_resource("tasks"), query);
    if (!page) return page.error();
    for (Json& task : page->items) tasks.push_back(std::move(task));
    if (!page->next_offset) break;
    query.offset = *page->next_offset;
  }
  Json counts = Json::object();
  Json overdue = Json::array();
  std::map<std::string, std::vector<std::size_t>> children;
  std::vector<std::size_t> roots;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    Json& task = tasks[i];
    const std::string kind = task["kind"].get<std::string>();
    counts[kind] = counts.value(kind, 0) + 1;
    const bool late = task.contains("due_on") && task["due_on"].get<std::string>() < today &&
                      task.value("status", "") != "done" && task.value("status", "") != "dropped";
    task["overdue"] = late;
    if (late) overdue.push_back({{"id", task["id"]}, {"name", task["name"]}, {"due_on", task["due_on"]}});
    if (task.contains("parent_id")) {
      children[task["parent_id"].get<std::string>()].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  std::function<Json(std::size_t)> subtree = [&](std::size_t i) {
    Json node = tasks[i];
    Json kids = Json::array();
    for (std::size_t child : children[node["id"].get<std::string>()]) kids.push_back(subtree(child));
    node["children"] = std::move(kids);
    return node;
  };
  Json tree = Json::array();
  for (std::size_t root : roots) tree.push_back(subtree(root));

  Json result = Json::object();
  result["plan"] = plan.value();
  result["counts"] = counts;
  // What the document says against what it lists: shown, never reconciled.
  if (plan.value().contains("stated_project_count")) {
    const std::int64_t stated = plan.value()["stated_project_count"].get<std::int64_t>();
    const std::int64_t listed = counts.value("project", 0);
    result["projects"] = {{"stated", stated}, {"listed", listed}, {"unlisted", stated - listed}};
  }
  result["overdue"] = std::move(overdue);
  result["tree"] = std::move(tree);
  return result;
}

}  // namespace alley::plans
