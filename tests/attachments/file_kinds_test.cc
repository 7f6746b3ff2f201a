#include "attachments/file_kinds.h"

#include <gtest/gtest.h>

namespace alley::attachments {

TEST(FileKinds, AreToldByTheirBytes) {
  EXPECT_EQ(content_type_of("%PDF-1.7\n…", "报告.pdf"), "application/pdf");
  EXPECT_EQ(content_type_of("%PDF-1.7\n…", "scan"), "application/pdf");
  EXPECT_EQ(content_type_of("\x89PNG\r\n\x1a\n....", "photo.PNG"), "image/png");
  EXPECT_EQ(content_type_of("\xFF\xD8\xFF\xE0....", "photo.jpeg"), "image/jpeg");
  EXPECT_EQ(content_type_of(std::string("PK\x03\x04rest", 8), "台账.xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(content_type_of("名称,数量\n苏河汇,1\n", "台账.csv"), "text/csv; charset=utf-8");
  EXPECT_EQ(content_type_of("会议纪要", "纪要.txt"), "text/plain; charset=utf-8");
}

TEST(FileKinds, WhatABrowserWouldRunIsNeverKept) {
  EXPECT_FALSE(content_type_of("<html><script>alert(1)</script>", "page.txt"));
  EXPECT_FALSE(content_type_of("<?xml version=\"1.0\"?><svg onload=\"x()\"/>", "logo.svg"));
  EXPECT_FALSE(content_type_of("  <!DOCTYPE html>", "note"));
  EXPECT_FALSE(content_type_of(std::string("PK\x03\x04rest", 8), "archive.zip")) << "an archive of anything";
  EXPECT_FALSE(content_type_of(std::string("MZ\x90\0\x03", 5), "tool.exe"));
  EXPECT_FALSE(content_type_of("\xC3\x28 not UTF-8", "a.txt"));
}

TEST(FileKinds, ANameThatPromisesAnotherKindIsRefused) {
  EXPECT_FALSE(content_type_of("just text", "报告.pdf"));
  EXPECT_FALSE(content_type_of("%PDF-1.7", "notes.txt"));
  EXPECT_FALSE(content_type_of("\x89PNG\r\n\x1a\n....", "photo.jpg"));
}

TEST(FileKinds, NamesKeepTheirLastSegmentAndNoControlCharacters) {
  EXPECT_EQ(checked_file_name("C:\\Users\\张三\\证明.pdf").name, "证明.pdf");
  EXPECT_EQ(checked_file_name("../../etc/passwd").name, "passwd");
  EXPECT_EQ(checked_file_name("  .hidden ").name, "hidden");
  EXPECT_FALSE(checked_file_name("").problem.empty());
  EXPECT_FALSE(checked_file_name("a/").problem.empty());
  EXPECT_FALSE(checked_file_name("bad\nname.txt").problem.empty());
  EXPECT_FALSE(checked_file_name(std::string(201, 'a')).problem.empty());
}

}  // namespace alley::attachments
