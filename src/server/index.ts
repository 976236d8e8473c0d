/**
 * The local IAM Identity Center (`idc server`): public entry points of the server part.
 *
 * @module
 */
export {}
