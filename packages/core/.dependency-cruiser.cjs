// dependency-cruiser's configuration for @hw3/core: the layer rules in scripts/layer-rules.cjs, paths relative to here.
module.exports = require('./scripts/layer-rules.cjs').rulesFor(__dirname);
