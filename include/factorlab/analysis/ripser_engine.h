// factorlab/analysis/ripser_engine.h — the Vietoris-Rips persistence diagram of a distance matrix,
// computed by Debian's `ripser` program (Bauer, "Ripser: efficient computation of Vietoris-Rips
// persistence barcodes", J. Appl. Comput. Topology 2021), Z/2 coefficients, H0 .. H_max_dim.
// The landmarks' lower-triangular distance matrix goes to a temporary file, `ripser --format
// lower-distance --dim max_dim FILE` runs on it with its default threshold, the enclosing radius, so
// the diagram is that of the whole filtration (exact: no simplex budget, nothing cut off), and its
// "persistence intervals in dim d:" blocks are parsed. Precision: ripser reads and computes distances
// in single precision (float) and prints births and deaths with about 6 significant digits, so the
// values carry a relative error of about 1e-6 (the gudhi engine, gudhi_engine.h, computes in double).
// Deliberately not here: landmark choice (persistence.h), Betti numbers (betti_rules.h), other
// coefficient fields or ripser's --threshold / --ratio options.
#pragma once
#include <string>
#include <vector>

#include "factorlab/analysis/diagram.h"
#include "factorlab/analysis/distance_matrix.h"

namespace factorlab {

// The program's path: `program` itself when it contains a '/', else looked up on PATH; "" when it is
// not there or not executable.
std::string find_ripser(const std::string& program);

// The diagram of the Rips filtration of m up to the enclosing radius, dims 0 .. max_dim, zero-length
// bars left out (ripser prints none), sorted by sort_pairs. `program` is a path from find_ripser.
// std::runtime_error when the program fails or prints something that is not a diagram.
std::vector<PersistencePair> ripser_diagram(const DistanceMatrix& m, int max_dim, const std::string& program);

// The bars in ripser's output text: lines " [b,d)" and " [b, )" (essential) under
// "persistence intervals in dim d:". std::runtime_error when there is no dim-0 block or a bar line
// does not parse.
std::vector<PersistencePair> parse_ripser_output(const std::string& text);

}  // namespace factorlab
