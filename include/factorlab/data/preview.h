// factorlab/data/preview.h — pictures of a dataset, to check it by eye.
// preview.png: a grid of training examples (evenly spread over the dataset) followed by a few OOD
// ground-truth images; each label is marked (red: train, orange: OOD; a bar on the border when the
// label lies in the margin). labels.png: the label space of the extended canvas, one cell per
// pixel of label space, coloured by kind (white 2D, cyan 1D-x, magenta 1D-y, grey 0D) with held-out
// conditions in orange and the visible frame outlined.
#pragma once
#include <string>

#include "factorlab/data/dataset.h"

namespace factorlab {

void write_preview_png(const std::string& path, const Dataset& d, int count);
void write_label_map_png(const std::string& path, const Dataset& d);

}  // namespace factorlab
