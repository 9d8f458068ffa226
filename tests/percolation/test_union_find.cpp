// tests/percolation/test_union_find.cpp — union-find on hand-made graphs, and against a BFS reference
// on random graphs (the components of a graph do not depend on how they are found).
#include <gtest/gtest.h>

#include <queue>
#include <vector>

#include "factorlab/core/rng.h"
#include "factorlab/percolation/union_find.h"

namespace factorlab {
namespace {

TEST(UnionFind, StartsAsSingletons) {
  UnionFind uf(5);
  EXPECT_EQ(uf.elements(), 5);
  EXPECT_EQ(uf.sets(), 5);
  EXPECT_EQ(uf.largest(), 1);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(uf.find(i), i);
    EXPECT_EQ(uf.set_size(i), 1);
  }
  UnionFind empty(0);
  EXPECT_EQ(empty.sets(), 0);
  EXPECT_EQ(empty.largest(), 0);
}

TEST(UnionFind, TwoTrianglesAndAnIsolatedVertex) {
  // Edges {0-1, 1-2, 2-0} and {3-4, 4-5, 5-3}; vertex 6 alone.
  UnionFind uf(7);
  const int edges[][2] = {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {4, 5}, {5, 3}};
  for (const auto& e : edges) uf.unite(e[0], e[1]);
  EXPECT_EQ(uf.sets(), 3);
  EXPECT_EQ(uf.largest(), 3);
  EXPECT_TRUE(uf.same(0, 2));
  EXPECT_TRUE(uf.same(3, 5));
  EXPECT_FALSE(uf.same(0, 3));
  EXPECT_FALSE(uf.same(6, 0));
  EXPECT_EQ(uf.set_size(4), 3);
  EXPECT_EQ(uf.set_size(6), 1);
  uf.unite(2, 4);  // bridge the triangles
  EXPECT_EQ(uf.sets(), 2);
  EXPECT_EQ(uf.largest(), 6);
  EXPECT_EQ(uf.set_size(0), 6);
}

TEST(UnionFind, UniteIsIdempotentAndReturnsTheRoot) {
  UnionFind uf(4);
  const int r = uf.unite(0, 1);
  EXPECT_EQ(uf.find(0), r);
  EXPECT_EQ(uf.find(1), r);
  EXPECT_EQ(uf.unite(1, 0), r);  // already together: nothing changes
  EXPECT_EQ(uf.unite(2, 2), 2);
  EXPECT_EQ(uf.sets(), 3);
  EXPECT_EQ(uf.largest(), 2);
}

TEST(UnionFind, LongChainAndStar) {
  const int n = 100000;  // deep enough that a recursive find would be at risk without compression
  UnionFind chain(n);
  for (int i = 0; i + 1 < n; ++i) chain.unite(i + 1, i);
  EXPECT_EQ(chain.sets(), 1);
  EXPECT_EQ(chain.largest(), n);
  EXPECT_TRUE(chain.same(0, n - 1));

  UnionFind star(10);
  for (int i = 1; i < 10; ++i) star.unite(0, i);
  EXPECT_EQ(star.sets(), 1);
  EXPECT_EQ(star.set_size(7), 10);
}

TEST(UnionFind, ResetRestoresSingletons) {
  UnionFind uf(6);
  uf.unite(0, 5);
  uf.unite(1, 5);
  uf.reset(3);
  EXPECT_EQ(uf.elements(), 3);
  EXPECT_EQ(uf.sets(), 3);
  EXPECT_EQ(uf.largest(), 1);
  EXPECT_FALSE(uf.same(0, 1));
}

TEST(UnionFind, MatchesBreadthFirstSearchOnRandomGraphs) {
  Rng rng(7);
  for (int round = 0; round < 20; ++round) {
    const int n = 200, m = static_cast<int>(rng.below(300));
    std::vector<std::vector<int>> adj(n);
    UnionFind uf(n);
    for (int e = 0; e < m; ++e) {
      const int a = static_cast<int>(rng.below(n)), b = static_cast<int>(rng.below(n));
      adj[a].push_back(b);
      adj[b].push_back(a);
      uf.unite(a, b);
    }
    std::vector<int> comp(n, -1);
    int components = 0, largest = 0;
    for (int s = 0; s < n; ++s) {
      if (comp[s] >= 0) continue;
      int size = 0;
      std::queue<int> q;
      q.push(s);
      comp[s] = components;
      while (!q.empty()) {
        const int v = q.front();
        q.pop();
        ++size;
        for (int w : adj[v])
          if (comp[w] < 0) {
            comp[w] = components;
            q.push(w);
          }
      }
      largest = std::max(largest, size);
      ++components;
    }
    EXPECT_EQ(uf.sets(), components);
    EXPECT_EQ(uf.largest(), largest);
    for (int a = 0; a < n; a += 7)
      for (int b = 0; b < n; b += 11) EXPECT_EQ(uf.same(a, b), comp[a] == comp[b]);
  }
}

}  // namespace
}  // namespace factorlab
