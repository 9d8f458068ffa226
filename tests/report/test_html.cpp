// tests/report/test_html.cpp — escaping, base64 (RFC 4648 test vectors) and a page whose figures
// are embedded as data URIs, with no external resource.
#include <gtest/gtest.h>

#include <string>

#include "factorlab/core/fs.h"
#include "factorlab/report/html.h"

namespace factorlab {
namespace {

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

TEST(Html, EscapesEverySpecialCharacter) {
  EXPECT_EQ(html_escape("a<b>&\"c\"'d'"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  EXPECT_EQ(html_escape("plain λ ≥ 0.6"), "plain λ ≥ 0.6");  // UTF-8 passes through
}

TEST(Html, Base64TestVectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xff\x00\xfe", 3)), "/wD+");
  EXPECT_EQ(png_data_uri("foo"), "data:image/png;base64,Zm9v");
}

TEST(Html, PageEmbedsFiguresAndEscapesText) {
  const std::string dir = std::string(FACTORLAB_BINARY_DIR) + "/test-report-html";
  make_dirs(dir);
  write_file_atomic(dir + "/a.png", std::string("\x89PNG\r\n\x1a\nfake-a", 14));
  write_file_atomic(dir + "/b.png", std::string("\x89PNG\r\n\x1a\nfake-b", 14));
  HtmlDocument doc("Report <script>alert(1)</script>");
  doc.heading("Claims & numbers");
  doc.preformatted("[run]\nname = 'x<y'");
  HtmlTable t;
  t.header = {"claim", "verdict"};
  t.rows = {{"accuracy > 0.95", "holds"}, {"H1 = 2", "inconclusive"}};
  t.row_class = {"holds", "inconclusive"};
  doc.table(t);
  doc.figures({{"Fig A", "caption <a>", dir + "/a.png", ""},
               {"Fig B", "caption b", dir + "/b.png", ""},
               {"Fig C", "never drawn", "", "gnuplot is not installed"}});
  const std::string page = doc.finish();

  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("</html>"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);  // the title's tag was escaped
  EXPECT_NE(page.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(page.find("name = &#39;x&lt;y&#39;"), std::string::npos);
  EXPECT_NE(page.find("caption &lt;a&gt;"), std::string::npos);
  EXPECT_NE(page.find("<tr class=\"holds\">"), std::string::npos);
  // The style sheet gives every verdict class of the claims tables its own colour.
  for (const char* c : {"tr.holds td:last-child { background: #cde6f5",
                        "tr.fails td:last-child { background: #f8d9c8", "tr.inconclusive td:last-child { background: #fcefc7",
                        "tr.na td:last-child { background: #eeeeee"})
    EXPECT_NE(page.find(c), std::string::npos) << c;
  // Every <img> has an embedded PNG source; the failed figure says why instead.
  EXPECT_EQ(count(page, "<img "), 2u);
  EXPECT_EQ(count(page, "<img alt=\"Fig A\" src=\"data:image/png;base64,"), 1u);
  EXPECT_EQ(count(page, "src=\"data:image/png;base64,"), 2u);
  EXPECT_NE(page.find(base64_encode(std::string("\x89PNG\r\n\x1a\nfake-b", 14))), std::string::npos);
  EXPECT_NE(page.find("Figure not drawn: gnuplot is not installed"), std::string::npos);
  // Self-contained: nothing fetched from elsewhere.
  EXPECT_EQ(page.find("http:"), std::string::npos);
  EXPECT_EQ(page.find("https:"), std::string::npos);
  EXPECT_EQ(page.find("<link"), std::string::npos);
  EXPECT_EQ(count(page, "<table>"), count(page, "</table>"));
  EXPECT_EQ(count(page, "<figure>"), count(page, "</figure>"));
}

TEST(Html, UnreadablePngBecomesANote) {
  HtmlDocument doc("t");
  doc.figures({{"Gone", "c", "/nonexistent/figure.png", ""}});
  const std::string page = doc.finish();
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("Figure not drawn"), std::string::npos);
}

}  // namespace
}  // namespace factorlab
