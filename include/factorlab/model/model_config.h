// factorlab/model/model_config.h — ModelConfig: the conditional UNet's shape (docs/design.md 3).
// A plain struct (no LibTorch), so configs can be read and validated in builds without it.
#pragma once
#include <string>
#include <vector>

#include "factorlab/core/config.h"

namespace factorlab {

// How mu_x, mu_y become vectors (each cond_dim wide):
//   sinusoidal: the transformer encoding (max period 10000), as for the timestep;
//   fourier:    sin/cos at periods spread geometrically from 2 pixels to twice the label range,
//               i.e. frequencies matched to the pixel range (harmonics k/N on a torus).
enum class LabelEncoding { Sinusoidal, Fourier };
// How the conditioning vector enters a residual block: added as a per-channel bias, or as a
// per-channel scale and shift of the normalized activations (FiLM, as in improved-diffusion).
enum class CondMode { Add, ScaleShift };

inline const EnumNames<LabelEncoding> kLabelEncodingNames = {{"sinusoidal", LabelEncoding::Sinusoidal},
                                                             {"fourier", LabelEncoding::Fourier}};
inline const EnumNames<CondMode> kCondModeNames = {{"add", CondMode::Add}, {"scale_shift", CondMode::ScaleShift}};

struct ModelConfig {
  int base_width = 32;                      // channels of the stem
  std::vector<int> channel_mults{1, 2, 2};  // per down block: channels = base_width * mult
  std::vector<int> attention_levels{3};     // down/up blocks (1..3) followed by self-attention
  bool mid_attention = true;
  int heads = 4;
  int cond_dim = 64;                        // width of each encoding (t, mu_x, mu_y)
  int groups = 8;                           // GroupNorm groups
  double dropout = 0.0;
  LabelEncoding label_encoding = LabelEncoding::Fourier;
  CondMode cond_mode = CondMode::ScaleShift;
  int coord_channels = 0;                   // extra input channels: sin/cos of pixel position at this many frequencies

  template <class V> void visit(V& v) {
    v("base_width", base_width);
    v("channel_mults", channel_mults);
    v("attention_levels", attention_levels);
    v("mid_attention", mid_attention);
    v("heads", heads);
    v("cond_dim", cond_dim);
    v("groups", groups);
    v("dropout", dropout);
    v("label_encoding", label_encoding, kLabelEncodingNames);
    v("cond_mode", cond_mode, kCondModeNames);
    v("coord_channels", coord_channels);
  }
  int channels(int level) const { return base_width * channel_mults.at(static_cast<std::size_t>(level - 1)); }
  void validate() const;
};

}  // namespace factorlab
