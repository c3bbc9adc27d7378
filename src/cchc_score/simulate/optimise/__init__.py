"""Where the optimisation happens: the exact search for the cheapest plans.

- ``dp``: the dynamic programme over the criteria tree (Pareto frontiers of total → least cost,
  then fewest changes; caps and floors as the engine applies them).
- ``staircase``: the merge of two large frontiers, cheapest combinations first (the same
  result as the dictionary merge in ``dp``, without forming the combinations that cannot be on
  the merged frontier).
- ``relax``: the linear-programme bound that drops partial plans unable to reach a target.
- ``search``: ``SearchSpace``, every plan one unit may choose (options, prerequisite states,
  exact integer scales) and the bounded frontier, greedy bounds and thresholds over it.

Nothing here scores, ranks or prices: the problem (``simulate.problem``) hands in each leaf's
options, and the questions (``simulate.plans``, ``simulate.questions``) turn the frontier into
plans that the engine scores again.
"""
