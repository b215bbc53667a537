"""Learn: the workspace's own history and outcomes → training data, model versions, promotion.

- ``examples``     labelled examples drawn from the stored conversations
- ``model_store``  versioned model folders in the workspace; which one is active per task
"""
