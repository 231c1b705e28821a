"""`piagen review`: the 第三者点検 kit (適合性, 妥当性, deadlines, 諮問書)."""
