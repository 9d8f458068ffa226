// factorlab/report/html.cpp — see html.h.
#include "factorlab/report/html.h"

#include <exception>

#include "factorlab/core/fs.h"

namespace factorlab {
namespace {

// Colour-blind-safe verdict colours (light tints of Okabe-Ito blue for holds, vermillion for fails,
// yellow for inconclusive, grey for not measured; inconclusive is also set in italics) and a layout
// that reads on a laptop screen and in print.
constexpr const char* kStyle = R"(
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; max-width: 1200px; margin: 2em auto;
       padding: 0 1em; color: #222; line-height: 1.45; }
h1 { border-bottom: 2px solid #0072B2; padding-bottom: .2em; }
h2 { margin-top: 2em; border-bottom: 1px solid #ccc; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: .8em; overflow-x: auto; font-size: 90%;
      max-height: 32em; }
table { border-collapse: collapse; margin: .8em 0; }
th, td { border: 1px solid #ccc; padding: .3em .6em; text-align: left; vertical-align: top; }
th { background: #eef3f8; }
tr.holds td:last-child { background: #cde6f5; }
tr.fails td:last-child { background: #f8d9c8; }
tr.inconclusive td:last-child { background: #fcefc7; font-style: italic; }
tr.na td:last-child { background: #eeeeee; color: #555; }
.figrow { display: flex; flex-wrap: wrap; gap: 1.2em; }
figure { margin: .5em 0; flex: 1 1 480px; max-width: 100%; }
figure img { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
figcaption { font-size: 92%; color: #444; }
.missing { border: 1px dashed #D55E00; padding: 1em; color: #8a3a00; background: #fff6f0; }
)";

}  // namespace

std::string html_escape(const std::string& text) {
  std::string s;
  s.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': s += "&amp;"; break;
      case '<': s += "&lt;"; break;
      case '>': s += "&gt;"; break;
      case '"': s += "&quot;"; break;
      case '\'': s += "&#39;"; break;
      default: s += c;
    }
  }
  return s;
}

std::string base64_encode(const std::string& bytes) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += kAlphabet[v >> 6 & 63];
    out += kAlphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    out += kAlphabet[v >> 18 & 63];
    out += kAlphabet[v >> 12 & 63];
    out += rest == 2 ? kAlphabet[v >> 6 & 63] : '=';
    out += '=';
  }
  return out;
}

std::string png_data_uri(const std::string& png_bytes) { return "data:image/png;base64," + base64_encode(png_bytes); }

HtmlDocument::HtmlDocument(const std::string& title) : title_(title) {
  body_ += "<h1>" + html_escape(title) + "</h1>\n";
}

void HtmlDocument::heading(const std::string& text, int level) {
  const std::string l = std::to_string(level < 2 ? 2 : level > 4 ? 4 : level);
  body_ += "<h" + l + ">" + html_escape(text) + "</h" + l + ">\n";
}

void HtmlDocument::paragraph(const std::string& text) { body_ += "<p>" + html_escape(text) + "</p>\n"; }

void HtmlDocument::preformatted(const std::string& text) { body_ += "<pre>" + html_escape(text) + "</pre>\n"; }

void HtmlDocument::table(const HtmlTable& t) {
  body_ += "<table>\n<tr>";
  for (const auto& h : t.header) body_ += "<th>" + html_escape(h) + "</th>";
  body_ += "</tr>\n";
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const std::string cls = r < t.row_class.size() && !t.row_class[r].empty()
                                ? " class=\"" + html_escape(t.row_class[r]) + "\""
                                : "";
    body_ += "<tr" + cls + ">";
    for (const auto& c : t.rows[r]) body_ += "<td>" + html_escape(c) + "</td>";
    body_ += "</tr>\n";
  }
  body_ += "</table>\n";
}

void HtmlDocument::list(const std::vector<std::string>& items) {
  body_ += "<ul>\n";
  for (const auto& i : items) body_ += "<li>" + html_escape(i) + "</li>\n";
  body_ += "</ul>\n";
}

void HtmlDocument::figures(const std::vector<HtmlFigure>& figs) {
  body_ += "<div class=\"figrow\">\n";
  for (const HtmlFigure& f : figs) {
    body_ += "<figure>\n";
    std::string error = f.error, bytes;
    if (error.empty() && f.png_path.empty()) error = "no figure";
    if (error.empty()) {
      try {
        bytes = read_file(f.png_path);
      } catch (const std::exception& e) {
        error = e.what();
      }
    }
    if (error.empty())
      body_ += "<img alt=\"" + html_escape(f.title) + "\" src=\"" + png_data_uri(bytes) + "\">\n";
    else
      body_ += "<div class=\"missing\">Figure not drawn: " + html_escape(error) + "</div>\n";
    body_ += "<figcaption><b>" + html_escape(f.title) + ".</b> " + html_escape(f.caption) + "</figcaption>\n";
    body_ += "</figure>\n";
  }
  body_ += "</div>\n";
}

std::string HtmlDocument::finish() const {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + html_escape(title_) +
         "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n" + body_ + "</body>\n</html>\n";
}

}  // namespace factorlab
