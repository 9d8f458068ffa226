// factorlab/report/html.h — a self-contained report.html: every figure embedded as a PNG data URI
// (RFC 2397, base64 per RFC 4648), the style sheet inline, no script, no external resource, so the
// file can be mailed or archived alone. All text goes through html_escape.
// Deliberately not a template engine: an HtmlDocument appends blocks in order and closes the page.
#pragma once
#include <string>
#include <vector>

namespace factorlab {

std::string html_escape(const std::string& text);  // & < > " ' -> entities
std::string base64_encode(const std::string& bytes);
std::string png_data_uri(const std::string& png_bytes);  // "data:image/png;base64,..."

struct HtmlTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Optional CSS class per row ("yes", "no", "na" colour the claims table); empty or one per row.
  std::vector<std::string> row_class;
};

// One figure for HtmlDocument::figures: a PNG file on disk (embedded), or, when png_path is empty
// or unreadable, a visible note that says why the figure is missing.
struct HtmlFigure {
  std::string title, caption;
  std::string png_path;
  std::string error;
};

class HtmlDocument {
 public:
  explicit HtmlDocument(const std::string& title);
  void heading(const std::string& text, int level = 2);  // <h2> by default; level 2..4
  void paragraph(const std::string& text);
  void preformatted(const std::string& text);  // <pre>: configs, tables of numbers
  void table(const HtmlTable& t);
  void list(const std::vector<std::string>& items);
  // Figures side by side when they fit (a flex row), each with its title and caption.
  void figures(const std::vector<HtmlFigure>& figs);
  std::string finish() const;  // the whole page

 private:
  std::string title_, body_;
};

}  // namespace factorlab
