// factorlab/model/model_config.cpp — see model_config.h.
#include "factorlab/model/model_config.h"

namespace factorlab {

void ModelConfig::validate() const {
  check_range("model.base_width", base_width, 4, 1024);
  require(channel_mults.size() == 3,
          "model.channel_mults has " + std::to_string(channel_mults.size()) + " entries (allowed: exactly 3, one per down block)");
  for (int m : channel_mults) check_range("model.channel_mults", m, 1, 16);
  for (int l : attention_levels) check_range("model.attention_levels", l, 1, 3);
  check_range("model.heads", heads, 1, 64);
  check_range("model.cond_dim", cond_dim, 4, 2048);
  require(cond_dim % 2 == 0, "model.cond_dim = " + std::to_string(cond_dim) + " must be even (sin and cos halves)");
  check_range("model.groups", groups, 1, 256);
  for (int lv = 1; lv <= 3; ++lv) {
    require(channels(lv) % groups == 0, "model.groups = " + std::to_string(groups) + " must divide the channels of block " +
                                            std::to_string(lv) + " (" + std::to_string(channels(lv)) + ")");
    require(channels(lv) % heads == 0, "model.heads = " + std::to_string(heads) + " must divide the channels of block " +
                                           std::to_string(lv) + " (" + std::to_string(channels(lv)) + ")");
  }
  require(base_width % groups == 0, "model.groups = " + std::to_string(groups) + " must divide model.base_width = " +
                                        std::to_string(base_width));
  check_range("model.dropout", dropout, 0, 0.9);
  check_range("model.coord_channels", coord_channels, 0, 32);
}

}  // namespace factorlab
