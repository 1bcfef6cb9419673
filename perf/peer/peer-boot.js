// Exposure Explorer performance: starts the bare peer (perf/peer/peer_main.cpp) on the page's
// #canvas, as exposure-widget.js starts the widget's core; keeps the module for the bench driver.
import createPeer from './peer.mjs';

createPeer().then((module) => { window.__peer_module = module; });
